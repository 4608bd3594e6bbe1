package dev.switchboard.gateway.health;

import dev.switchboard.gateway.replies.ReplyPartition;
import dev.switchboard.gateway.security.Roles;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/health}: public and minimal (is the chat path up here?); {@code ?detailed=true} (admin) adds
 * every service with its own health, PostgreSQL where a service has one, the LLM mode and this instance's reply
 * partition.
 */
@RestController
class HealthController {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaListenerEndpointRegistry listeners;
    private final ReplyPartition partition;
    private final ServiceUrls services;
    private final WebClient http;

    HealthController(KafkaListenerEndpointRegistry listeners, ReplyPartition partition, ServiceUrls services) {
        this.listeners = listeners;
        this.partition = partition;
        this.services = services;
        this.http = WebClient.create();
    }

    @GetMapping("/api/v1/health")
    Mono<ResponseEntity<Map<String, Object>>> health(@RequestParam(defaultValue = "false") boolean detailed,
            @Parameter(hidden = true) Mono<Authentication> caller) {
        boolean repliesFlowing = replyContainer().map(MessageListenerContainer::isRunning).orElse(false);
        String status = repliesFlowing ? "UP" : "DOWN";
        if (!detailed) {
            return Mono.just(respond(status, Map.of("status", status)));
        }
        return caller.filter(HealthController::isAdmin)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "detailed health is for the admin role")))
                .flatMap(admin -> Flux.fromIterable(services.all().entrySet())
                        .flatMap(service -> probe(service.getKey(), service.getValue()))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                .map(serviceHealth -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    boolean allUp = serviceHealth.values().stream().allMatch(h -> "UP".equals(h.get("status")));
                    String overall = !repliesFlowing ? "DOWN" : allUp ? "UP" : "DEGRADED";
                    body.put("status", overall);
                    body.put("kafka", Map.of("replyListener", repliesFlowing ? "UP" : "DOWN", "replyPartition",
                            partition.number(), "assigned", replyContainer()
                                    .map(c -> c.getAssignedPartitions() == null ? List.of()
                                            : c.getAssignedPartitions().stream().map(Object::toString).sorted().toList())
                                    .orElse(List.of())));
                    body.put("services", serviceHealth);
                    body.put("postgres", databases(serviceHealth));
                    body.put("llm", llmMode(serviceHealth.get("llm-fallback-service")));
                    return respond(overall, body);
                });
    }

    private java.util.Optional<MessageListenerContainer> replyContainer() {
        return java.util.Optional.ofNullable(listeners.getListenerContainer("replies"));
    }

    private Mono<Map.Entry<String, Map<String, Object>>> probe(String name, String url) {
        return http.get().uri(url + "/actuator/health").retrieve()
                .onStatus(s -> s.value() == 503, r -> Mono.empty())
                .bodyToMono(Map.class)
                .timeout(PROBE_TIMEOUT)
                .map(body -> Map.entry(name, healthOf(url, body)))
                .onErrorResume(e -> Mono.just(Map.entry(name, Map.of("status", "DOWN", "url", url, "error",
                        e.getClass().getSimpleName() + ": " + e.getMessage()))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthOf(String url, Map<?, ?> actuator) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", actuator.get("status"));
        health.put("url", url);
        if (actuator.get("components") instanceof Map<?, ?> components) {
            health.put("components", components);
        }
        return health;
    }

    private static Map<String, Object> databases(Map<String, Map<String, Object>> services) {
        Map<String, Object> databases = new LinkedHashMap<>();
        services.forEach((name, health) -> {
            if (health.get("components") instanceof Map<?, ?> components && components.get("r2dbc") instanceof Map<?, ?> db) {
                databases.put(name, db.get("status"));
            }
        });
        return databases;
    }

    private static Object llmMode(Map<String, Object> llmService) {
        if (llmService != null && llmService.get("components") instanceof Map<?, ?> components
                && components.get("llm") instanceof Map<?, ?> llm && llm.get("details") instanceof Map<?, ?> details) {
            return details;
        }
        return Map.of("mode", "unknown");
    }

    private static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + Roles.ADMIN)::equals);
    }

    private static ResponseEntity<Map<String, Object>> respond(String status, Map<String, Object> body) {
        return ResponseEntity.status("DOWN".equals(status) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(body);
    }
}
