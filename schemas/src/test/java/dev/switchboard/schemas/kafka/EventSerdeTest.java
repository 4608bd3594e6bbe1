package dev.switchboard.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.schemas.Events;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aReplyRoundTripsWithAFingerprintHeader() {
        ChatReplied reply = ChatReplied.newBuilder()
                .setEventId("e1").setMessageId("m1").setConversationId("c1").setUserId("u1")
                .setOccurredAt(now).setReceivedAt(now).setReplyTo(3)
                .setReplyId("r1").setContent("Restart your gateway").setAgent(Agent.tech_support)
                .setIntent("modem_gateway_restart").setSource(ReplySource.knowledge_base).setConfidence(0.91)
                .setReferences(List.of(new KnowledgePassage("kb-1", "Restarting", "modem_gateway_restart", "...", 0.8)))
                .setLatencyMs(12)
                .build();

        byte[] bytes = serializer.serialize("chat.replies", reply);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize("chat.replies", bytes)).isEqualTo(reply);
    }

    @Test
    void aRecordOfTheWrongTypeForTheTopicIsRejected() {
        byte[] bytes = serializer.serialize("chat.inbound", inbound());

        assertThatThrownBy(() -> deserializer.deserialize("chat.replies", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("chat.replies does not carry ChatMessageReceived");
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> deserializer.deserialize("chat.inbound", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Avro single-object encoded");
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaVersionIsResolved() throws Exception {
        // Given an older ChatMessageReceived without clientTimestamp, registered as a released version
        Schema current = Events.schemaOf(ChatMessageReceived.class);
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(current.getName())
                .namespace(current.getNamespace()).fields();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("clientTimestamp")) {
                fields = fields.name(f.name()).type(f.schema()).noDefault();
            }
        }
        Schema older = fields.endRecord();
        EventDeserializer withHistory = new EventDeserializer(Map.of(ChatMessageReceived.class, List.of(older)));
        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            old.put(f.name(), f.schema().getType() == Schema.Type.INT ? 0
                    : f.schema().getType() == Schema.Type.LONG ? now.toEpochMilli() : "x");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old, out);

        // When the current code reads it
        ChatMessageReceived read = (ChatMessageReceived) withHistory.deserialize("chat.inbound", out.toByteArray());

        // Then the missing field takes its default
        assertThat(read.getContent()).isEqualTo("x");
        assertThat(read.getClientTimestamp()).isNull();
    }

    @Test
    void aTurnWrittenBeforeFollowUpsExistedReadsAsNoFollowUp() throws Exception {
        // Given a kept follow-up written with IntentClassified 5, the release before the field
        Schema five = SchemaHistory.load().get(IntentClassified.class).get(4);
        assertThat(five.getField("followUp")).isNull();
        IntentClassified turn = IntentClassified.newBuilder().setEventId("e1").setMessageId("m1")
                .setConversationId("c1").setUserId("u1").setOccurredAt(now).setReplyTo(0).setReceivedAt(now)
                .setContent("no change").setIntent("tv_service").setAgent(Agent.tech_support).setConfidence(0.9)
                .setCandidates(List.of()).setClassifierVersion("test").setFollowUp(true).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<IntentClassified>(SpecificData.getForClass(IntentClassified.class), five)
                .encode(turn, out);

        // When the current code reads it
        IntentClassified read = (IntentClassified) deserializer.deserialize("chat.classified", out.toByteArray());

        // Then it is the same turn, read as no follow-up: knowledge-service answers it as before
        assertThat(read.getIntent()).isEqualTo("tv_service");
        assertThat(read.getContent()).isEqualTo("no change");
        assertThat(read.getFollowUp()).isFalse();
    }

    private ChatMessageReceived inbound() {
        return ChatMessageReceived.newBuilder()
                .setEventId("e1").setMessageId("m1").setConversationId("c1").setUserId("u1")
                .setOccurredAt(now).setReceivedAt(now).setReplyTo(0)
                .setContent("hello").setChannel("rest")
                .build();
    }
}
