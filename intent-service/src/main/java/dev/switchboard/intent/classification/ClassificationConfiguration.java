package dev.switchboard.intent.classification;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.SentenceEmbedder;
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

    /**
     * Trained on each knowledge base version this replica follows; the trained heads are kept where the examples'
     * embeddings are (the local stack's data directory), so a version trained before is read back.
     */
    @Bean
    VersionedClassifier intentClassifier(SentenceEmbedder embedder, ClassifierSettings settings,
            @Value("${switchboard.embedding.cache-dir:}") String cacheDir) {
        TrainedHeads heads = TrainedHeads.in(cacheDir);
        return new VersionedClassifier((training, versionId) -> new EmbeddingIntentClassifier(embedder, training,
                settings, heads, "-kb-" + versionId));
    }

    /**
     * Readiness waits for a knowledge base version (classifying fails until one is loaded), the model's first runs
     * and the classifier's compiled paths, not the first customer.
     */
    @Bean
    WarmUp classifierWarmUp(IntentClassifier classifier) {
        return () -> {
            for (int round = 0; round < 5; round++) {
                WARM_UP_MESSAGES.forEach(classifier::classify);
            }
        };
    }
}
