package dev.switchboard.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxConcurrent inferences running at once; 0 means one per available core */
@ConfigurationProperties("switchboard.embedding")
record EmbeddingProperties(@DefaultValue("0") int maxConcurrent) {

    int permits() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
