package dev.switchboard.gateway.edge;

import dev.switchboard.platform.web.ProblemJson;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body over the configured limit with 413: at once when its Content-Length says so, otherwise as
 * soon as the streamed body passes it. It covers the routed services too, whose bodies the gateway streams without
 * the codecs' limit, and answers before authentication or any other work. Publishing a knowledge-base version is the
 * one request whose body is a whole document (~220 KB today), so that route has a limit of its own, knowledge-service's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit implements WebFilter {

    static final String KNOWLEDGE_BASE_VERSIONS = "/api/v1/knowledge/admin/versions";

    private final DataSize defaultLimit;
    private final DataSize knowledgeBaseLimit;
    private final JsonMapper json;

    BodySizeLimit(@Value("${spring.http.codecs.max-in-memory-size}") DataSize defaultLimit,
            @Value("${switchboard.edge.knowledge-base-body-limit}") DataSize knowledgeBaseLimit, JsonMapper json) {
        this.defaultLimit = defaultLimit;
        this.knowledgeBaseLimit = knowledgeBaseLimit;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        DataSize limit = exchange.getRequest().getPath().value().equals(KNOWLEDGE_BASE_VERSIONS) ? knowledgeBaseLimit
                : defaultLimit;
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return ProblemJson.write(exchange, json, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    detail(limit) + "; this one has " + declared + " bytes"));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        return chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, detail(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        }).build());
    }

    private static String detail(DataSize limit) {
        return "The request body may have at most " + limit.toKilobytes() + "KB (" + limit.toBytes() + " bytes)";
    }
}
