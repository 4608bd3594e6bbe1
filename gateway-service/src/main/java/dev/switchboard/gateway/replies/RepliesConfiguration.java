package dev.switchboard.gateway.replies;

import dev.switchboard.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

@Configuration(proxyBeanMethods = false)
class RepliesConfiguration {

    @Bean
    ReplyPartition replyPartition(GatewayProperties properties, Environment environment) {
        return ReplyPartition.resolve(properties.instance(), environment.getProperty("HOSTNAME"));
    }

    /**
     * The reply listener commits no offsets: it seeks on every assignment ({@link ReplyListener}), so nothing would
     * read them, and a commit after every poll was one more broker request per reply (docs/benchmarks.md). MANUAL
     * with no acknowledgement is what spring-kafka itself does for assigned partitions without a consumer group.
     */
    @Bean(ReplyListener.OFFSETS_NOT_COMMITTED)
    ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> offsetsNotCommitted() {
        return container -> container.getContainerProperties().setAckMode(AckMode.MANUAL);
    }
}
