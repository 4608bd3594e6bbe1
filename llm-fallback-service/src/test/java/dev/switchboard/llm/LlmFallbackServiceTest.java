package dev.switchboard.llm;

import dev.switchboard.platform.kafka.versions.KnowledgeServiceStandIn;
import dev.switchboard.platform.test.TestIdentity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service against an in-process Kafka broker and a stand-in knowledge-service, starting on the bundled
 * knowledge base as version 1 (kept on disk), as its guardrail's detector does when knowledge-service is down. A test
 * adds its own settings (the model stub, the breaker)
 * with {@code @TestPropertySource} or {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(topics = {"chat.fallback", "chat.replies", "chat.reply-chunks"}, partitions = 8,
        brokerProperties = "auto.create.topics.enable=false")
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = {TestIdentity.Keys.class, KnowledgeServiceStandIn.Setup.class})
public @interface LlmFallbackServiceTest {
}
