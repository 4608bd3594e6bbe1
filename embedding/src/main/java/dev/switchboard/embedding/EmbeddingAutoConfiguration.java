package dev.switchboard.embedding;

import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One in-process sentence model per JVM, for every service that embeds text (intents, knowledge passages). */
@AutoConfiguration
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SentenceEmbedder sentenceEmbedder(EmbeddingProperties properties) {
        SentenceEmbedder model = Embedders.onnx(properties.permits());
        if (properties.cacheDir().isBlank()) {
            LoggerFactory.getLogger(EmbeddingAutoConfiguration.class).info(
                    "No EMBEDDING_CACHE_DIR: examples and documents are embedded at every start");
            return model;
        }
        return new CachedEmbeddings(model, Path.of(properties.cacheDir()));
    }
}
