package dev.switchboard.platform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilitySettingsTest {

    private static final String ENDPOINT = PlatformEnvironmentPostProcessor.OTLP_TRACES_ENDPOINT;

    @Test
    void theCollectorBaseUrlBecomesItsTracesEndpoint() {
        // Given the variable as every OpenTelemetry SDK reads it (base URL, maybe with a trailing slash)
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/");

        // When
        Map<String, Object> properties = PlatformEnvironmentPostProcessor.observabilityProperties(env::get);

        // Then
        assertThat(properties).containsEntry(ENDPOINT, "http://jaeger:4318/v1/traces");
    }

    @Test
    void aTracesEndpointIsTakenAsItIs() {
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:4318/custom/traces");

        assertThat(PlatformEnvironmentPostProcessor.observabilityProperties(env::get))
                .containsEntry(ENDPOINT, "http://other:4318/custom/traces");
    }

    @Test
    void withoutAnEndpointNothingIsExportedAndTextLogsStay() {
        assertThat(PlatformEnvironmentPostProcessor.observabilityProperties(Map.<String, String>of()::get)).isEmpty();
        assertThat(PlatformEnvironmentPostProcessor.observabilityProperties(Map.of("LOG_FORMAT", "text")::get))
                .isEmpty();
    }

    @Test
    void jsonLogFormatSwitchesToStructuredLogging() {
        assertThat(PlatformEnvironmentPostProcessor.observabilityProperties(Map.of("LOG_FORMAT", "JSON")::get))
                .containsEntry("logging.structured.format.console", "ecs");
        assertThatThrownBy(() -> PlatformEnvironmentPostProcessor.observabilityProperties(
                Map.of("LOG_FORMAT", "xml")::get)).hasMessageContaining("json or text");
    }
}
