package dev.switchboard.gateway.security;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Matches a request that arrived on the management server's port (MANAGEMENT_PORT, the actuator's own server), which
 * the public does not reach. Matches nothing when the actuator shares the public port: then none of it is open.
 */
final class ManagementPort implements ServerWebExchangeMatcher, ApplicationListener<WebServerInitializedEvent> {

    /** The namespace Spring Boot gives the management server's context. */
    private static final String MANAGEMENT = "management";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the management context's event reaches its parent's listeners too
        if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local != null && local.getPort() == port ? MatchResult.match() : MatchResult.notMatch();
    }
}
