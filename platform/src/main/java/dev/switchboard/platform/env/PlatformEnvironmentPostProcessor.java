package dev.switchboard.platform.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every service the platform's defaults (Kafka serde, observability, problem details) below its own
 * application.yml, turns {@code DATABASE_URL} into the R2DBC and Flyway settings, and {@code OTEL_EXPORTER_OTLP_*} and
 * {@code LOG_FORMAT} into trace export and structured logging.
 */
public class PlatformEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "switchboard-defaults.yml";
    static final String DATABASE_URL_DEFAULT = "switchboard.database.default-url";
    static final String OTLP_TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("switchboardDefaults", new ClassPathResource(DEFAULTS))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
        }
        Map<String, Object> observability = observabilityProperties(environment::getProperty);
        if (!observability.isEmpty()) {
            // below the service's own settings, so an explicit management.* or logging.* property still wins
            environment.getPropertySources().addLast(new MapPropertySource("switchboardObservability", observability));
        }
        String databaseUrl = environment.getProperty("DATABASE_URL", environment.getProperty(DATABASE_URL_DEFAULT));
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource("switchboardDatabase", databaseProperties(databaseUrl)));
        }
    }

    /** The R2DBC and Flyway settings for a database URL in any of the accepted shapes. */
    public static Map<String, Object> databaseProperties(String databaseUrl) {
        DatabaseUrl db = DatabaseUrl.parse(databaseUrl);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.r2dbc.url", db.r2dbcUrl());
        properties.put("spring.r2dbc.username", db.username());
        properties.put("spring.r2dbc.password", db.password());
        properties.put("spring.flyway.url", db.jdbcUrl());
        properties.put("spring.flyway.user", db.username());
        properties.put("spring.flyway.password", db.password());
        return properties;
    }

    /**
     * Spring settings for the standard variables: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's base URL, as
     * every OpenTelemetry SDK reads it; OTLP over HTTP sends traces to {@code /v1/traces}) or
     * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL) turns trace export on; without either nothing is
     * exported. {@code LOG_FORMAT=json} switches the console to Spring Boot's structured (ECS) JSON.
     */
    public static Map<String, Object> observabilityProperties(Function<String, String> variables) {
        Map<String, Object> properties = new HashMap<>();
        String traces = variables.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        String base = variables.apply("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            properties.put(OTLP_TRACES_ENDPOINT, traces.strip());
        } else if (base != null && !base.isBlank()) {
            properties.put(OTLP_TRACES_ENDPOINT, base.strip().replaceAll("/+$", "") + "/v1/traces");
        }
        String logFormat = variables.apply("LOG_FORMAT");
        if (logFormat != null && logFormat.strip().equalsIgnoreCase("json")) {
            properties.put("logging.structured.format.console", "ecs");
        } else if (logFormat != null && !logFormat.isBlank() && !logFormat.strip().equalsIgnoreCase("text")) {
            throw new IllegalArgumentException("LOG_FORMAT must be json or text, not " + logFormat);
        }
        return properties;
    }

    @Override
    public int getOrder() {
        // after Boot has loaded application.yml, so the defaults can go below it
        return Ordered.LOWEST_PRECEDENCE;
    }
}
