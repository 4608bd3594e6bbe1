package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class EventLogContextTest {

    private final EventLogContext context = new EventLogContext();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void theEventsCorrelationFieldsAreInTheLogContextWhileItIsHandledButNotItsContent() {
        // Given a reply as a listener receives it
        ChatReplied reply = new Envelope("m-1", "c-1", "alice", 0, Instant.now()).stamp(ChatReplied.newBuilder()
                .setEventId("e-1").setMessageId("m-1").setConversationId("c-1").setUserId("alice")
                .setOccurredAt(Instant.now()).setReplyTo(0).setReceivedAt(Instant.now()).setReplyId("r-1")
                .setContent("restart your router").setAgent(Agent.tech_support).setIntent("slow_internet")
                .setSource(ReplySource.knowledge_base).setConfidence(0.9).setReferences(List.of()).setLatencyMs(42L)
                .build());
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("chat.replies", 0, 7L, "c-1", reply);

        // When the container hands it to the listener
        context.intercept(record, null);

        // Then
        assertThat(MDC.getCopyOfContextMap()).containsEntry("conversationId", "c-1").containsEntry("messageId", "m-1")
                .containsEntry("agent", "tech_support").containsEntry("intent", "slow_internet")
                .containsEntry("latency", "42").doesNotContainValue("restart your router");

        // and after the listener returned, nothing is left for the next record
        context.afterRecord(record, null);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
