package dev.switchboard.intent.classification;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClassifierSettings.class)
class ClassificationConfiguration {

    @Bean
    IntentClassifier intentClassifier(SentenceEmbedder embedder, ClassifierSettings settings) {
        return new EmbeddingIntentClassifier(embedder, TrainingExamples.fromClassPath(), settings);
    }
}
