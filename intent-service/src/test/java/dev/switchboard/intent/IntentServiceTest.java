package dev.switchboard.intent;

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
 * knowledge base as version 1 (kept on disk). Every integration test uses exactly this, so Spring's test context cache
 * loads the embedding model and trains the classifier once for all of them (a test that added its own set-up would
 * get a second context with a second broker, and {@code spring.embedded.kafka.brokers}, one global property, would
 * then name the other broker to the tests of the first: VersionedClassifierIT saw nothing that way).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(topics = {"chat.inbound", "chat.replies"}, partitions = 8,
        brokerProperties = "auto.create.topics.enable=false")
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = {TestIdentity.Keys.class, KnowledgeServiceStandIn.Setup.class})
public @interface IntentServiceTest {
}
