package dev.switchboard.platform.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer from a web filter, where no controller advice renders one. */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        problem.setInstance(exchange.getRequest().getURI());
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
