package dev.switchboard.knowledge;

import dev.switchboard.platform.test.BuildCache;
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
 * The whole service on a random port against an in-process Kafka broker and its own embedded PostgreSQL database.
 * Every integration test uses exactly this, so Spring's test context cache loads the embedding model and indexes the
 * knowledge base once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                EmbeddedPostgresSupport.Database.DATABASE + "=knowledge", BuildCache.EMBEDDING_CACHE_DIR})
@EmbeddedKafka(topics = {"chat.classified", "chat.replies"}, partitions = 8,
        brokerProperties = "auto.create.topics.enable=false")
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = {EmbeddedPostgresSupport.Database.class, TestIdentity.Keys.class})
public @interface KnowledgeServiceTest {
}
