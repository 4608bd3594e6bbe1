package dev.switchboard.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Where a route's circuit breaker sends callers while its service is down or too slow. */
@RestController
class UnavailableController {

    static final String PATH = "/api/v1/unavailable/";

    @RequestMapping(PATH + "{service}")
    ProblemDetail unavailable(@PathVariable String service, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable or too slow right now; please try again shortly");
        problem.setTitle("Service unavailable");
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return problem;
    }
}
