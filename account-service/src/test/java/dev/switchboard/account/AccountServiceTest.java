package dev.switchboard.account;

import dev.switchboard.platform.test.EmbeddedPostgresSupport;
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
 * The whole service on a random port against an in-process Kafka broker and its own embedded PostgreSQL database,
 * seeded at start. Every integration test uses exactly this, so Spring's test context cache starts it once; each test
 * works on accounts, lines or request ids of its own, so their writes do not meet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                EmbeddedPostgresSupport.Database.DATABASE + "=account",
                // the development reset, as in the local stack (SeedResetSwitchTest: off by default)
                AccountProperties.RESET_ENABLED + "=true"})
// the flows read chat.flow and answer on chat.replies, topics other services own
@EmbeddedKafka(topics = {"chat.flow", "chat.replies"}, partitions = 1,
        brokerProperties = "auto.create.topics.enable=false")
// patient: the first calls of a fresh context take seconds on a busy machine (the default is 5 s)
@AutoConfigureWebTestClient(timeout = "PT60S")
// the chat model on, at a scripted stub, for one flow only (AgentFlowIT's)
@ContextConfiguration(initializers = {EmbeddedPostgresSupport.Database.class, TestIdentity.Keys.class,
        ScriptedModel.Initializer.class})
public @interface AccountServiceTest {
}
