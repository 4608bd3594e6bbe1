package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.kafka.EventDeserializer;
import dev.switchboard.schemas.kafka.EventSerializer;

/** Replies as the submission stores keep them: Avro-encoded, as on chat.replies. */
final class EncodedReplies {

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    byte[] encode(ChatReplied reply) {
        return serializer.serialize(Topics.CHAT_REPLIES.name(), reply);
    }

    /** The reply, or null for none. */
    ChatReplied decode(byte[] encoded) {
        return encoded == null ? null : (ChatReplied) deserializer.deserialize(Topics.CHAT_REPLIES.name(), encoded);
    }
}
