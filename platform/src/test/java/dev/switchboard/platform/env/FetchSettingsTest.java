package dev.switchboard.platform.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

class FetchSettingsTest {

    @Test
    void aServiceOnTheRepliesPathGetsEachRecordAsSoonAsItIsThere() {
        // Given a service that says nothing about fetching (intent-service, knowledge-service, the gateway)
        StandardEnvironment environment = serviceEnvironment(Map.of());

        // Then a fetch returns with the first byte
        assertThat(fetchMinSize(environment)).isEqualTo(DataSize.ofBytes(1));
    }

    @Test
    void aProjectionWaitsForABatch() {
        // Given a store or projection (chat-service, analytics-service, feedback-service)
        StandardEnvironment environment = serviceEnvironment(Map.of("switchboard.kafka.fetch.min-size", "64KB",
                "switchboard.kafka.fetch.max-wait", "250ms"));

        // Then its consumer asks the broker for that much, or that long a wait
        assertThat(fetchMinSize(environment)).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(Binder.get(environment).bind("spring.kafka.consumer.fetch-max-wait", Duration.class).get())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anOperatorOverridesEitherWithTheEnvironment() {
        StandardEnvironment environment = serviceEnvironment(Map.of("switchboard.kafka.fetch.min-size", "64KB",
                "KAFKA_FETCH_MIN_SIZE", "1KB"));

        assertThat(fetchMinSize(environment)).isEqualTo(DataSize.ofKilobytes(1));
    }

    private static StandardEnvironment serviceEnvironment(Map<String, Object> serviceProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("applicationYml", serviceProperties));
        new PlatformEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static DataSize fetchMinSize(StandardEnvironment environment) {
        return Binder.get(environment).bind("spring.kafka.consumer.fetch-min-size", DataSize.class).get();
    }
}
