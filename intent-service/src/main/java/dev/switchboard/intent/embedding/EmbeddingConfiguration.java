package dev.switchboard.intent.embedding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddingProperties.class)
class EmbeddingConfiguration {

    @Bean
    SentenceEmbedder sentenceEmbedder(EmbeddingProperties properties) {
        return Embedders.onnx(properties.permits());
    }
}
