package dev.switchboard.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxConcurrent inferences running at once; 0 means one per available core
 * @param cacheDir where bulk embeddings are kept by checksum of model and texts (the local stack: the data
 *     directory's {@code embeddings}); blank computes them at every start
 */
@ConfigurationProperties("switchboard.embedding")
record EmbeddingProperties(@DefaultValue("0") int maxConcurrent, @DefaultValue("") String cacheDir) {

    int permits() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
