package dev.switchboard.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: only {@code status} in the public answer; the other parts with {@code ?detailed=true}.
 *
 * @param postgres the database status of each service that has one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HealthReport(String status, KafkaHealth kafka, Map<String, ServiceHealth> services, Map<String, String> postgres,
        LlmHealth llm) {

    static HealthReport minimal(String status) {
        return new HealthReport(status, null, null, null, null);
    }

    /** This instance's reply listener and the partitions it holds. */
    record KafkaHealth(String replyListener, int replyPartition, List<String> assigned) {
    }

    /** One service with its own health and parts ({@code components}), or why it could not be asked ({@code error}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceHealth(String status, String url, Map<String, ComponentHealth> components, String error) {
    }

    /**
     * A service's actuator health or one of its parts: status and description as the service reports them. Their
     * {@code details} differ by part and version and stay on each service's own actuator (its management port); the
     * gateway reads only the model's settings ({@link LlmHealth}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ComponentHealth(String status, String description, Map<String, ComponentHealth> components) {

        static ComponentHealth of(ActuatorHealth actuator) {
            return new ComponentHealth(actuator.status(), actuator.description(), actuator.components() == null ? null
                    : actuator.components().entrySet().stream().collect(LinkedHashMap::new,
                            (parts, part) -> parts.put(part.getKey(), of(part.getValue())), Map::putAll));
        }
    }

    /** What a service's {@code /actuator/health} answers, as far as the gateway reads it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActuatorHealth(String status, String description, Map<String, ActuatorHealth> components,
            LlmHealth details) {
    }

    /** The llm-fallback-service's model settings, from its health; only {@code mode} (unknown) when it is away. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LlmHealth(String mode, String model, @JsonProperty("base-url") String baseUrl) {

        static final LlmHealth UNKNOWN = new LlmHealth("unknown", null, null);
    }
}
