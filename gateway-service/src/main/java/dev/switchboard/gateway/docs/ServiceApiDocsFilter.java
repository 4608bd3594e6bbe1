package dev.switchboard.gateway.docs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Lets a request for the gateway's OpenAPI document wait until the routed services' documents were read once. */
@Component
class ServiceApiDocsFilter implements WebFilter {

    private final ServiceApiDocs services;
    private final String documentPath;

    ServiceApiDocsFilter(ServiceApiDocs services,
            @Value("${springdoc.api-docs.path:/v3/api-docs}") String documentPath) {
        this.services = services;
        this.documentPath = documentPath;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(documentPath)) {
            return services.readAtLeastOnce().then(chain.filter(exchange));
        }
        return chain.filter(exchange);
    }
}
