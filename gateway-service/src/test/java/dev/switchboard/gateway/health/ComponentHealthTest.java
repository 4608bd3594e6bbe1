package dev.switchboard.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.health.HealthReport.ComponentHealth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ComponentHealthTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aServicesActuatorHealthIsShownAsTheServiceReportedIt() {
        // Given a service's actuator health with a database, a composite part and the model's settings
        String actuator = """
                {"status": "UP", "components": {
                  "db": {"status": "UP", "components": {
                    "r2dbc": {"status": "UP", "details": {"database": "PostgreSQL", "validationQuery": "validate(REMOTE)"}}}},
                  "llm": {"status": "UP", "details": {"mode": "disabled", "model": "gpt-4o-mini",
                    "base-url": "http://localhost:8089/v1"}},
                  "diskSpace": {"status": "UP", "details": {"total": 100, "free": 50, "exists": true}},
                  "kafka": {"status": "DOWN", "description": "no broker"}}}
                """;

        // When the gateway reads it and writes it into its detailed health
        String shown = JSON.writeValueAsString(JSON.readValue(actuator, ComponentHealth.class));

        // Then it is the same JSON
        assertThat(JSON.readTree(shown)).isEqualTo(JSON.readTree(actuator));
    }
}
