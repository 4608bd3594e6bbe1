package dev.switchboard.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.gateway.replies.PendingReplies;
import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * With no pipeline behind it, the gateway is ready only once it has rehearsed a customer message through its
 * exchange and reply listener, and that message went out marked, for every other service's listeners to drop.
 */
@GatewayServiceTest
class ChatRehearsalIT {

    @Autowired
    HealthEndpoint health;

    @Autowired
    PendingReplies pending;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void readinessWaitsForARehearsedMessageThatIsMarkedAsTheGatewaysOwn() {
        // Given a gateway started against a broker where no service answers chat.inbound
        try (TopicRecorder inbound = new TopicRecorder(brokers, Topics.CHAT_INBOUND.name())) {
            // When it reports ready
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> health.healthForPath("readiness").getStatus().equals(Status.UP));

            // Then the message its exchange published for the rehearsal user carries the rehearsal mark
            await().atMost(Duration.ofSeconds(30)).until(() -> !rehearsed(inbound).isEmpty());
            assertThat(rehearsed(inbound)).singleElement()
                    .satisfies(record -> assertThat(record.headers().lastHeader(Rehearsals.HEADER)).isNotNull());
            // and it was answered by the rehearsed reply: nothing is left waiting
            assertThat(pending.size()).isZero();
        }
    }

    private static List<ConsumerRecord<String, SpecificRecord>> rehearsed(TopicRecorder inbound) {
        return inbound.records().stream().filter(r -> r.value() instanceof ChatMessageReceived message
                && message.getUserId().equals(Rehearsals.USER_ID)).toList();
    }
}
