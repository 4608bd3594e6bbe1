package dev.switchboard.gateway.replies;

import dev.switchboard.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class RepliesConfiguration {

    @Bean
    ReplyPartition replyPartition(GatewayProperties properties, Environment environment) {
        return ReplyPartition.resolve(properties.instance(), environment.getProperty("HOSTNAME"));
    }
}
