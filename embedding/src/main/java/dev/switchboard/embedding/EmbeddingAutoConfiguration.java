package dev.switchboard.embedding;

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
        return Embedders.onnx(properties.permits());
    }
}
