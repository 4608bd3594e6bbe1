package dev.switchboard.intent.knowledge;

import dev.switchboard.intent.classification.VersionedClassifier;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeServiceProperties.class)
class KnowledgeVersionsConfiguration {

    /** Starts on the version kept on disk when there is one; the announcements on knowledge.versions do the rest. */
    @Bean
    VersionFollower versionFollower(VersionedClassifier classifier, KnowledgeServiceProperties properties,
            InternalAuthProperties auth, MeterRegistry meters, @Value("${spring.application.name}") String serviceName,
            @Value("${switchboard.embedding.cache-dir:}") String cacheDir) {
        VersionFollower follower = new VersionFollower(classifier,
                new KnowledgeServiceClient(properties, InternalTokens.of(serviceName, auth)),
                "knowledge-service at " + properties.url(), LastGoodVersion.in(cacheDir), properties, meters);
        follower.startFromDisk();
        return follower;
    }
}
