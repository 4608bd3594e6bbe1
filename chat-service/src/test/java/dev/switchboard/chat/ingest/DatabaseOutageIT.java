package dev.switchboard.chat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.chat.ChatServiceTest;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.EmbeddedPostgresSupport;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * PostgreSQL restarts while messages arrive: chat-service retries them until the database is back and stores each once,
 * instead of dead-lettering them after a few short retries as if they were poison.
 */
@ChatServiceTest
class DatabaseOutageIT {

    @Autowired
    EventPublisher publisher;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    @Test
    void messagesArrivingWhileTheDatabaseIsDownAreStoredOnceItIsBackAndNoneIsDeadLettered() {
        String deadLetters = Topics.CHAT_INBOUND.deadLetterTopic();
        broker.addTopics(new NewTopic(deadLetters, 8, (short) 1));
        try (TopicRecorder deadLettered = new TopicRecorder(broker.getBrokersAsString(), deadLetters)) {
            // Given the service has stored a message, so its connections to the database are open
            publisher.await(publisher.publish(Topics.CHAT_INBOUND, "conv-outage", message("outage-0")));
            await().atMost(Duration.ofSeconds(30)).until(() -> stored("conv-outage") == 1);

            // When PostgreSQL goes away while a message arrives, for more attempts than a poison record is given
            EmbeddedPostgresSupport.stop();
            try {
                double attempts = processed();
                publisher.await(publisher.publish(Topics.CHAT_INBOUND, "conv-outage", message("outage-1")));
                await().atMost(Duration.ofSeconds(60)).until(() -> processed() - attempts >= 4);
            } finally {
                EmbeddedPostgresSupport.start();
            }

            // Then once it is back the message is stored, once, and nothing went to the dead-letter topic
            await().atMost(Duration.ofSeconds(60)).until(() -> stored("conv-outage") == 2);
            assertThat(deadLettered.records()).isEmpty();
        }
    }

    /** Attempts the listener made on chat.inbound's records so far. */
    private double processed() {
        return meters.get("switchboard.stage.processing").tag("topic", Topics.CHAT_INBOUND.name()).timer().count();
    }

    private long stored(String conversation) {
        return db.sql("select count(*) as n from messages where conversation_id = :c").bind("c", conversation)
                .map(row -> row.get("n", Long.class)).one().onErrorReturn(-1L).block();
    }

    private static ChatMessageReceived message(String id) {
        ChatMessageReceived message = new Envelope(id, "conv-outage", "olivia", 0, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent("is the network down?");
        message.setChannel("rest");
        return message;
    }
}
