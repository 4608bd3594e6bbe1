package dev.switchboard.platform.kafka.versions;

import dev.switchboard.platform.security.InternalAuthAutoConfiguration;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The knowledge base versions, followed for a service that uses them (it has a {@link KnowledgeBaseUser} bean): the
 * version kept on disk first, when there is one, then every version knowledge.versions announces. It is kept beside the
 * embeddings unless {@code switchboard.knowledge-base.kept-dir} says otherwise: the tests of a build share one
 * embedding cache but each starts from its own kept version.
 */
@AutoConfiguration(after = InternalAuthAutoConfiguration.class)
@ConditionalOnBean(KnowledgeBaseUser.class)
@EnableConfigurationProperties(KnowledgeServiceProperties.class)
public class KnowledgeBaseAutoConfiguration {

    @Bean
    VersionFollower knowledgeBaseVersionFollower(KnowledgeBaseUser user, KnowledgeServiceProperties properties,
            InternalAuthProperties auth, MeterRegistry meters, @Value("${spring.application.name}") String service,
            @Value("${switchboard.knowledge-base.kept-dir:${switchboard.embedding.cache-dir:}}") String keptDir) {
        VersionFollower follower = new VersionFollower(user,
                new KnowledgeServiceClient(properties, InternalTokens.of(service, auth)),
                "knowledge-service at " + properties.url(), LastGoodVersion.in(keptDir, service), properties, meters);
        follower.startFromDisk();
        return follower;
    }
}
