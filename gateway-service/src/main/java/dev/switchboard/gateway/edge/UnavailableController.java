package dev.switchboard.gateway.edge;

import dev.switchboard.gateway.health.ServiceUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends callers while its service is down or too slow. Each answer is logged with
 * its cause (the call's error, or the open breaker) and counted by service and cause.
 */
// the breakers' forward target, not an endpoint clients call
@Hidden
@RestController
class UnavailableController {

    static final String PATH = "/api/v1/unavailable/";
    private static final Logger log = LoggerFactory.getLogger(UnavailableController.class);

    private final MeterRegistry meters;
    private final ServiceUrls services;

    UnavailableController(MeterRegistry meters, ServiceUrls services) {
        this.meters = meters;
        this.services = services;
    }

    @RequestMapping(PATH + "{name}")
    ProblemDetail unavailable(@PathVariable String name, ServerWebExchange exchange) {
        // the path is public: only a known service becomes a metric tag or reaches the log, nothing a caller wrote
        String service = services.all().containsKey(name) ? name : "unknown";
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        meters.counter("gateway.route.unavailable", "service", service, "cause", kind).increment();
        log.warn("{} answered 503 for {}: {}", service, exchange.getRequest().getPath(),
                cause == null ? "no cause recorded" : cause.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable or too slow right now; please try again shortly");
        problem.setTitle("Service unavailable");
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return problem;
    }
}
