package dev.switchboard.intent.classification;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.lifecycle.WarmUp;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClassifierSettings.class)
class ClassificationConfiguration {

    private static final List<String> WARM_UP_MESSAGES = List.of("my internet is super slow tonight",
            "how do I pay my bill",
            "I moved last week and set everything up again. Since then the wifi drops every evening, what can I do?");

    @Bean
    TrainingExamples trainingExamples() {
        return TrainingExamples.fromClassPath();
    }

    /** The trained head is kept where the examples' embeddings are (the local stack's data directory). */
    @Bean
    IntentClassifier intentClassifier(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings,
            @Value("${switchboard.embedding.cache-dir:}") String cacheDir) {
        return new EmbeddingIntentClassifier(embedder, training, settings, TrainedHeads.in(cacheDir));
    }

    /** Readiness waits for the model's first runs and the classifier's compiled paths, not the first customer. */
    @Bean
    WarmUp classifierWarmUp(IntentClassifier classifier) {
        return () -> {
            for (int round = 0; round < 5; round++) {
                WARM_UP_MESSAGES.forEach(classifier::classify);
            }
        };
    }
}
