package dev.switchboard.gateway;

import dev.switchboard.platform.test.TestIdentity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway on a random port against an in-process Kafka broker, with the development token issuer, and every
 * service it routes to where nothing listens (whatever else runs on this machine), so its routes' breakers answer.
 * A test adds its own settings with {@code @TestPropertySource} or {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "spring.profiles.active=dev",
        "CHAT_SERVICE_URL=http://127.0.0.1:9", "FEEDBACK_SERVICE_URL=http://127.0.0.1:9",
        "KNOWLEDGE_SERVICE_URL=http://127.0.0.1:9", "ANALYTICS_SERVICE_URL=http://127.0.0.1:9",
        "INTENT_SERVICE_URL=http://127.0.0.1:9", "LLM_FALLBACK_SERVICE_URL=http://127.0.0.1:9",
        "ACCOUNT_SERVICE_URL=http://127.0.0.1:9"})
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = TestIdentity.Keys.class)
public @interface GatewayServiceTest {
}
