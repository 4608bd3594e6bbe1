package dev.switchboard.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.health.HealthReport.ActuatorHealth;
import dev.switchboard.gateway.health.HealthReport.ComponentHealth;
import dev.switchboard.gateway.health.HealthReport.LlmHealth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ComponentHealthTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String ACTUATOR = """
            {"status": "UP", "components": {
              "db": {"status": "UP", "components": {
                "r2dbc": {"status": "UP", "details": {"database": "PostgreSQL", "validationQuery": "validate(REMOTE)"}}}},
              "llm": {"status": "UP", "details": {"mode": "disabled", "model": "gpt-4o-mini",
                "base-url": "http://localhost:8089/v1"}},
              "diskSpace": {"status": "UP", "details": {"total": 100, "free": 50, "exists": true}},
              "warmUp": {"status": "UP", "details": {"warmMillis": {"classifier": 12}}},
              "kafka": {"status": "DOWN", "description": "no broker"}}}
            """;

    @Test
    void aServicesPartsAreShownWithTheirStatusAndDescriptionAndNoUntypedDetails() {
        // Given a service's actuator health with a database, a composite part, the model's settings and other details
        ActuatorHealth actuator = JSON.readValue(ACTUATOR, ActuatorHealth.class);

        // When the gateway writes it into its detailed health
        String shown = JSON.writeValueAsString(ComponentHealth.of(actuator));

        // Then the tree of statuses and descriptions is the service's, without the parts' free-form details
        assertThat(JSON.readTree(shown)).isEqualTo(JSON.readTree("""
                {"status": "UP", "components": {
                  "db": {"status": "UP", "components": {"r2dbc": {"status": "UP"}}},
                  "llm": {"status": "UP"}, "diskSpace": {"status": "UP"}, "warmUp": {"status": "UP"},
                  "kafka": {"status": "DOWN", "description": "no broker"}}}
                """));
    }

    @Test
    void theModelsSettingsAreReadIntoTheirOwnRecord() {
        // Given llm-fallback-service's actuator health
        ActuatorHealth actuator = JSON.readValue(ACTUATOR, ActuatorHealth.class);

        // When its llm part's details are read
        LlmHealth model = actuator.components().get("llm").details();

        // Then they are the model's settings
        assertThat(model).isEqualTo(new LlmHealth("disabled", "gpt-4o-mini", "http://localhost:8089/v1"));
    }
}
