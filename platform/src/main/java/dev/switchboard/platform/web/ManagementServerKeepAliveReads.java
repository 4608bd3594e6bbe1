package dev.switchboard.platform.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management server of a service that has one (MANAGEMENT_PORT: the gateway) gets {@link KeepAliveReads} too:
 * Spring Boot builds that server from a factory of its own in a child context, which the application's
 * {@code NettyServerCustomizer} beans never reach. Without it, a pipelined request answered at once stalled the next
 * one on 40 of 50 kept-alive connections to the gateway's management port (0 of 50 on its public port), and EdgeIT's
 * request there went unanswered for 30 s in three CI runs.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ManagementServerKeepAliveReads {

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementServerKeepAliveReads() {
        return factory -> factory.addServerCustomizers(new KeepAliveReads());
    }
}
