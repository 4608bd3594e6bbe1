package dev.switchboard.knowledge.versions;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.base.KnowledgeBaseSource;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.platform.kafka.EventPublisher;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccuracyGate.Settings.class, ClassifierSettings.class})
class VersionsConfiguration {

    /**
     * The gate trains intent-service's classifier with the same settings ({@code switchboard.classifier}); the heads
     * of its cross-validation are kept where the embeddings are, so the served version's are trained once.
     */
    @Bean
    AccuracyGate accuracyGate(Retriever retriever, AccuracyGate.Settings settings, ClassifierSettings classifier,
            @Value("${switchboard.embedding.cache-dir:}") String cacheDir) {
        return new AccuracyGate(retriever::served, settings, classifier, TrainedHeads.in(cacheDir));
    }

    @Bean
    @DependsOnDatabaseInitialization
    KnowledgeVersions knowledgeVersions(DatabaseClient db, TransactionalOperator transaction, EventPublisher publisher,
            KnowledgeBaseLoader loader) {
        return new KnowledgeVersions(db, transaction, publisher, loader);
    }

    /**
     * What the service serves from its start: the active version in the database (a new database imports
     * {@code KNOWLEDGE_BASE_LOCATION} as version 1). The service does not start without it.
     */
    @Bean
    @DependsOnDatabaseInitialization
    PublishedKnowledgeBase activeAtStart(KnowledgeVersions versions, KnowledgeBaseSource source) {
        return versions.activeOrImport(source::read, source.location()).block(Duration.ofMinutes(1));
    }
}
