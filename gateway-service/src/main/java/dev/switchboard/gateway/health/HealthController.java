package dev.switchboard.gateway.health;

import dev.switchboard.gateway.health.HealthReport.ActuatorHealth;
import dev.switchboard.gateway.health.HealthReport.ComponentHealth;
import dev.switchboard.gateway.health.HealthReport.KafkaHealth;
import dev.switchboard.gateway.health.HealthReport.LlmHealth;
import dev.switchboard.gateway.health.HealthReport.ServiceHealth;
import dev.switchboard.gateway.replies.ReplyPartition;
import dev.switchboard.gateway.security.Roles;
import dev.switchboard.platform.security.InternalTokens;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final InternalTokens tokens;

    HealthController(KafkaListenerEndpointRegistry listeners, ReplyPartition partition, ServiceUrls services,
            InternalTokens tokens) {
        this.tokens = tokens;
        this.listeners = listeners;
        this.partition = partition;
        this.services = services;
        this.http = WebClient.create();
    }

    @GetMapping("/api/v1/health")
    Mono<ResponseEntity<HealthReport>> health(@RequestParam(defaultValue = "false") boolean detailed,
            @Parameter(hidden = true) Mono<Authentication> caller) {
        boolean repliesFlowing = replyContainer().map(MessageListenerContainer::isRunning).orElse(false);
        String status = repliesFlowing ? "UP" : "DOWN";
        if (!detailed) {
            return Mono.just(respond(HealthReport.minimal(status)));
        }
        return caller.filter(HealthController::isAdmin)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "detailed health is for the admin role")))
                .flatMap(admin -> Flux.fromIterable(services.all().entrySet())
                        .flatMap(service -> probe(service.getKey(), service.getValue()))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                .map(probes -> {
                    Map<String, ServiceHealth> serviceHealth = new LinkedHashMap<>();
                    probes.forEach((name, probe) -> serviceHealth.put(name, probe.health()));
                    LlmHealth llm = Optional.ofNullable(probes.get("llm-fallback-service")).map(Probe::model)
                            .orElse(LlmHealth.UNKNOWN);
                    boolean allUp = serviceHealth.values().stream().allMatch(h -> "UP".equals(h.status()));
                    String overall = !repliesFlowing ? "DOWN" : allUp ? "UP" : "DEGRADED";
                    KafkaHealth kafka = new KafkaHealth(repliesFlowing ? "UP" : "DOWN",
                            partition.number(), replyContainer()
                                    .map(c -> c.getAssignedPartitions() == null ? List.<String>of()
                                            : c.getAssignedPartitions().stream().map(Object::toString).sorted().toList())
                                    .orElse(List.of()));
                    return respond(new HealthReport(overall, kafka, serviceHealth, databases(serviceHealth), llm));
                });
    }

    private Optional<MessageListenerContainer> replyContainer() {
        return Optional.ofNullable(listeners.getListenerContainer("replies"));
    }

    private Mono<Map.Entry<String, Probe>> probe(String name, String url) {
        return http.get().uri(url + "/actuator/health")
                // a service shows its components only to a caller it trusts
                .headers(headers -> headers.setBearerAuth(tokens.forService(name))).retrieve()
                .onStatus(s -> s.value() == 503, r -> Mono.empty())
                .bodyToMono(ActuatorHealth.class)
                .timeout(PROBE_TIMEOUT)
                .map(body -> Map.entry(name, new Probe(new ServiceHealth(body.status(), url,
                        ComponentHealth.of(body).components(), null), modelSettings(body))))
                .onErrorResume(e -> Mono.just(Map.entry(name, new Probe(new ServiceHealth("DOWN", url, null,
                        e.getClass().getSimpleName() + ": " + e.getMessage()), null))));
    }

    private static Map<String, String> databases(Map<String, ServiceHealth> services) {
        Map<String, String> databases = new LinkedHashMap<>();
        services.forEach((name, health) -> {
            ComponentHealth database = health.components() == null ? null : health.components().get("r2dbc");
            if (database != null) {
                databases.put(name, database.status());
            }
        });
        return databases;
    }

    /** The {@code llm} part's details, where a service has that part (llm-fallback-service). */
    private static LlmHealth modelSettings(ActuatorHealth health) {
        ActuatorHealth model = health.components() == null ? null : health.components().get("llm");
        return model == null ? null : model.details();
    }

    /** One service's health as shown, and its model's settings if it reported them. */
    private record Probe(ServiceHealth health, LlmHealth model) {
    }

    private static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + Roles.ADMIN)::equals);
    }

    private static ResponseEntity<HealthReport> respond(HealthReport report) {
        return ResponseEntity.status("DOWN".equals(report.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(report);
    }
}
