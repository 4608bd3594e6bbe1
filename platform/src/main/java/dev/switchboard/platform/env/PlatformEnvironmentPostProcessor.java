package dev.switchboard.platform.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
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
 * application.yml, and turns {@code DATABASE_URL} into the R2DBC and Flyway settings.
 */
public class PlatformEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "switchboard-defaults.yml";
    static final String DATABASE_URL_DEFAULT = "switchboard.database.default-url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("switchboardDefaults", new ClassPathResource(DEFAULTS))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
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

    @Override
    public int getOrder() {
        // after Boot has loaded application.yml, so the defaults can go below it
        return Ordered.LOWEST_PRECEDENCE;
    }
}
