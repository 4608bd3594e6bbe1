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
import java.util.Optional;
import java.util.Set;

/** The immutable catalogue of every topic in the system. */
public final class Topics {

    /** Keyed by conversationId so each conversation stays ordered. */
    public static final String CONVERSATION_KEY = "conversationId";

    /**
     * Reply topics are written to the partition of the gateway instance that holds the client, so their partition
     * count caps the number of gateway replicas.
     */
    public static final int MAX_GATEWAY_INSTANCES = 8;

    /**
     * Every record of {@link #KNOWLEDGE_VERSIONS} has this one key, so compaction keeps the latest announcement: a
     * reader that starts from the beginning learns the active version from one record.
     */
    public static final String KNOWLEDGE_BASE_KEY = "knowledge-base";

    /** Account actions are keyed by the account acted on (the actor when none was identified), so each stays ordered. */
    public static final String ACCOUNT_KEY = "customerId";

    private static final int PIPELINE_PARTITIONS = 6;

    public static final Topic CHAT_INBOUND = new Topic(Names.CHAT_INBOUND, PIPELINE_PARTITIONS, CONVERSATION_KEY,
            Set.of(ChatMessageReceived.class), "gateway-service");
    public static final Topic CHAT_CLASSIFIED = new Topic(Names.CHAT_CLASSIFIED, PIPELINE_PARTITIONS, CONVERSATION_KEY,
            Set.of(IntentClassified.class), "intent-service");
    /**
     * The turns account-service answers: those intent-service routes to a guided flow, and those of a conversation in a
     * flow that it routes elsewhere (they end the flow). The same records as on {@link #CHAT_CLASSIFIED}, which keeps
     * every turn; this one spares account-service reading every turn to find the few that concern it.
     */
    public static final Topic CHAT_FLOW = new Topic(Names.CHAT_FLOW, PIPELINE_PARTITIONS, CONVERSATION_KEY,
            Set.of(IntentClassified.class), "intent-service");
    public static final Topic CHAT_FALLBACK = new Topic(Names.CHAT_FALLBACK, PIPELINE_PARTITIONS, CONVERSATION_KEY,
            Set.of(FallbackRequested.class), "knowledge-service");
    public static final Topic CHAT_REPLIES = new Topic(Names.CHAT_REPLIES, MAX_GATEWAY_INSTANCES, CONVERSATION_KEY,
            Set.of(ChatReplied.class), "gateway-service");
    public static final Topic CHAT_REPLY_CHUNKS = new Topic(Names.CHAT_REPLY_CHUNKS, MAX_GATEWAY_INSTANCES,
            CONVERSATION_KEY, Set.of(ReplyChunk.class), "gateway-service");
    public static final Topic CONVERSATION_EVENTS = new Topic(Names.CONVERSATION_EVENTS, PIPELINE_PARTITIONS,
            CONVERSATION_KEY, Set.of(ConversationStatusChanged.class), "chat-service");
    public static final Topic FEEDBACK_EVENTS = new Topic(Names.FEEDBACK_EVENTS, PIPELINE_PARTITIONS, CONVERSATION_KEY,
            Set.of(FeedbackSubmitted.class), "feedback-service");
    /** Which knowledge base version is active: one partition, one key, compacted; every reader sees every record. */
    public static final Topic KNOWLEDGE_VERSIONS = new Topic(Names.KNOWLEDGE_VERSIONS, 1, KNOWLEDGE_BASE_KEY,
            Set.of(KnowledgeBaseVersionPublished.class), "knowledge-service", true);
    /** Every action account-service decided on, allowed or refused, as its audit rows say (through its outbox). */
    public static final Topic ACCOUNT_ACTIONS = new Topic(Names.ACCOUNT_ACTIONS, PIPELINE_PARTITIONS, ACCOUNT_KEY,
            Set.of(AccountActionRecorded.class), "account-service");

    public static final List<Topic> ALL = List.of(CHAT_INBOUND, CHAT_CLASSIFIED, CHAT_FLOW, CHAT_FALLBACK, CHAT_REPLIES,
            CHAT_REPLY_CHUNKS, CONVERSATION_EVENTS, FEEDBACK_EVENTS, KNOWLEDGE_VERSIONS, ACCOUNT_ACTIONS);

    private Topics() {
    }

    /** The topic names as compile-time constants, for annotations such as {@code @KafkaListener(topics = ...)}. */
    public static final class Names {

        public static final String CHAT_INBOUND = "chat.inbound";
        public static final String CHAT_CLASSIFIED = "chat.classified";
        public static final String CHAT_FLOW = "chat.flow";
        public static final String CHAT_FALLBACK = "chat.fallback";
        public static final String CHAT_REPLIES = "chat.replies";
        public static final String CHAT_REPLY_CHUNKS = "chat.reply-chunks";
        public static final String CONVERSATION_EVENTS = "conversation.events";
        public static final String FEEDBACK_EVENTS = "feedback.events";
        public static final String KNOWLEDGE_VERSIONS = "knowledge.versions";
        public static final String ACCOUNT_ACTIONS = "account.actions";

        private Names() {
        }
    }

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<Topic> ownedBy(String service) {
        return ALL.stream().filter(t -> t.owner().equals(service)).toList();
    }
}
