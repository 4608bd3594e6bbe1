package dev.switchboard.schemas;

import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ConversationStatusChanged;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.events.ReplyChunk;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** Every event type of the contract. */
public final class Events {

    /** The package of the classes generated from {@code src/main/avro}. */
    public static final String GENERATED_PACKAGE = "dev.switchboard.events";

    public static final List<Class<? extends SpecificRecord>> TYPES = List.of(ChatMessageReceived.class,
            IntentClassified.class, FallbackRequested.class, ChatReplied.class, ReplyChunk.class,
            FeedbackSubmitted.class, ConversationStatusChanged.class, KnowledgeBaseVersionPublished.class,
            AccountActionRecorded.class);

    private static boolean trusted;

    private Events() {
    }

    /**
     * Lets Avro instantiate the generated events: it refuses classes it does not trust, and it instantiates ours not
     * only when it reads a record but also when it makes a field's default (a list of suggestions, a route), so every
     * place that reads or builds events calls this first. Calls after the first do nothing.
     */
    public static synchronized void trustGeneratedClasses() {
        if (!trusted) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getName().startsWith(GENERATED_PACKAGE + ".")));
            trusted = true;
        }
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    /**
     * Gives every field still unset its schema default, so that a field added later (with its default, for schema
     * evolution) does not make a producer that does not know it yet fail to encode.
     */
    public static <T extends SpecificRecord> T withDefaults(T event) {
        trustGeneratedClasses();
        for (Schema.Field field : event.getSchema().getFields()) {
            if (event.get(field.pos()) == null && field.hasDefaultValue()) {
                event.put(field.pos(), SpecificData.get().getDefaultValue(field));
            }
        }
        return event;
    }

    /** Reads a common envelope field (eventId, messageId, conversationId, userId, replyTo ...) of any event. */
    public static Object field(SpecificRecord event, String name) {
        Schema.Field field = event.getSchema().getField(name);
        return field == null ? null : event.get(field.pos());
    }
}
