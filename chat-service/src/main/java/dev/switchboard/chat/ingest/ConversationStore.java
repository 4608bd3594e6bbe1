package dev.switchboard.chat.ingest;

import dev.switchboard.chat.conversation.ReferenceView;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.schemas.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes customer messages and replies. Every write is idempotent: message ids are scoped per customer, so (user, id)
 * is the primary key and a redelivered event inserts nothing and changes no counter; a customer message keeps one
 * reply, the first, except that a real answer made later (a replayed dead letter) replaces a failure reply. A poll's events are written with one statement per step
 * for all of them (arrays unnested by PostgreSQL), so a batch costs five round trips to the database, not four per
 * event.
 */
@Component
class ConversationStore {

    /** The source of a failure reply, which a later real answer replaces. */
    private static final String FAILURE = ReplySource.fallback.name();

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    ConversationStore(DatabaseClient db, TransactionalOperator transaction, JsonMapper json) {
        this.db = db;
        this.transaction = transaction;
        this.json = json;
    }

    /** What storing an event changed. */
    record Stored(boolean inserted, boolean ownerMismatch, Optional<String> escalatedFrom) {

        static final Stored NOTHING = new Stored(false, false, Optional.empty());
    }

    /** One message row as an event asks for it; {@code escalation} when it hands the conversation to a person. */
    private record Row(String id, String conversationId, String userId, String role, String content, String agent,
            String intent, String source, Double confidence, String refs, Long latencyMs, String inReplyTo,
            Instant at, Instant conversationCreatedAt, boolean escalation) {

        Key key() {
            return new Key(userId, id);
        }

        /** The customer message the row is or answers. */
        Key message() {
            return new Key(userId, role.equals("user") ? id : inReplyTo);
        }
    }

    /** A message as its customer names it. */
    private record Key(String userId, String id) {
    }

    /**
     * Stores the events in one transaction, in their order: one commit (one flush of the database's log) for a whole
     * poll. Answers what each event changed, in the same order ({@link Stored#NOTHING} for an event that is not a
     * chat message or reply).
     */
    Mono<List<Stored>> storeAll(List<SpecificRecord> events) {
        List<Row> rows = events.stream().map(this::row).toList();
        List<Row> known = rows.stream().filter(r -> r != null).toList();
        if (known.isEmpty()) {
            return Mono.just(rows.stream().map(r -> Stored.NOTHING).toList());
        }
        return transaction.transactional(ensureConversations(known)
                .then(owners(known))
                .flatMap(owners -> {
                    // a row whose conversation was not opened (its message lives in another) is a duplicate
                    List<Row> accepted = known.stream().filter(r -> owners.containsKey(r.conversationId()))
                            .filter(r -> !r.role().equals("user") || owners.get(r.conversationId()).equals(r.userId()))
                            .toList();
                    return insertMessages(accepted).flatMap(inserted -> replaceFailureReplies(accepted, inserted)
                            .then(touch(accepted, inserted))
                            .then(escalate(accepted, inserted))
                            .map(escalated -> results(rows, owners, inserted, escalated)));
                }));
    }

    private static List<Stored> results(List<Row> rows, Map<String, String> owners, Set<Key> inserted,
            Map<String, String> escalatedFrom) {
        Set<String> escalationAnnounced = new HashSet<>();
        Set<Key> reported = new HashSet<>();
        List<Stored> results = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row == null) {
                results.add(Stored.NOTHING);
            } else if (row.role().equals("user") && owners.containsKey(row.conversationId())
                    && !owners.get(row.conversationId()).equals(row.userId())) {
                results.add(new Stored(false, true, Optional.empty()));
            } else {
                // a copy of an event in the same poll is a duplicate like any redelivery
                boolean isNew = inserted.contains(row.key()) && reported.add(row.key());
                // the first new escalating reply of a conversation carries the status it left
                boolean announces = isNew && row.escalation() && escalatedFrom.containsKey(row.conversationId())
                        && escalationAnnounced.add(row.conversationId());
                results.add(new Stored(isNew, false,
                        announces ? Optional.of(escalatedFrom.get(row.conversationId())) : Optional.empty()));
            }
        }
        return results;
    }

    /**
     * Creates each conversation on its first event (its owner is that event's user), unless the event's customer
     * message is stored in another conversation, or comes earlier in this poll in another: then it is that message
     * taken again under a new conversation id (a retry no gateway recognised), and it opens no second conversation.
     */
    private Mono<Void> ensureConversations(List<Row> rows) {
        Map<Key, String> home = new HashMap<>();
        rows.stream().filter(r -> r.role().equals("user")).forEach(r -> home.putIfAbsent(r.key(), r.conversationId()));
        // every row, not one per conversation: a later row of a conversation opens it when its first may not
        List<Row> opening = rows.stream()
                .filter(r -> home.getOrDefault(r.message(), r.conversationId()).equals(r.conversationId())).toList();
        if (opening.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                insert into conversations (id, user_id, status, created_at, updated_at)
                select id, user_id, 'open', at::timestamptz, at::timestamptz
                from unnest(:ids::text[], :users::text[], :ats::text[], :messages::text[])
                     with ordinality as t(id, user_id, at, message_id, n)
                where not exists (select 1 from messages m where m.user_id = t.user_id and m.id = t.message_id
                                  and m.role = 'user' and m.conversation_id <> t.id)
                order by n
                on conflict (id) do nothing""")
                .bind("ids", column(opening, Row::conversationId))
                .bind("users", column(opening, Row::userId))
                .bind("ats", column(opening, r -> r.conversationCreatedAt().toString()))
                .bind("messages", column(opening, r -> r.message().id()))
                .then();
    }

    private Mono<Map<String, String>> owners(List<Row> rows) {
        return db.sql("select id, user_id from conversations where id = any(:ids::text[])")
                .bind("ids", rows.stream().map(Row::conversationId).distinct().toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class), row.get("user_id", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Inserts the rows not stored yet and answers the keys it inserted. A reply to a message that has one already is
     * not inserted (the unique index on the replies' (user, in_reply_to)).
     */
    private Mono<Set<Key>> insertMessages(List<Row> rows) {
        Map<Key, Row> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.putIfAbsent(r.key(), r));
        List<Row> unique = List.copyOf(byKey.values());
        if (unique.isEmpty()) {
            return Mono.just(Set.of());
        }
        return withMessageColumns(db.sql("""
                insert into messages (id, user_id, conversation_id, role, content, agent, intent, source, confidence,
                                      refs, latency_ms, in_reply_to, created_at)
                select id, user_id, conversation_id, role, content, agent, intent, source, confidence, refs::jsonb,
                       latency_ms, in_reply_to, at::timestamptz
                from unnest(:ids::text[], :users::text[], :conversations::text[], :roles::text[], :contents::text[],
                            :agents::text[], :intents::text[], :sources::text[], :confidences::float8[],
                            :refs::text[], :latencies::int8[], :inReplyTo::text[], :ats::text[])
                     with ordinality as t(id, user_id, conversation_id, role, content, agent, intent, source,
                                          confidence, refs, latency_ms, in_reply_to, at, n)
                order by n
                on conflict do nothing
                returning user_id, id"""), unique)
                .bind("conversations", column(unique, Row::conversationId))
                .bind("roles", column(unique, Row::role))
                .bind("ats", column(unique, r -> r.at().toString()))
                .map(row -> new Key(row.get("user_id", String.class), row.get("id", String.class)))
                .all().collect(HashSet::new, Set::add);
    }

    /**
     * A real answer that was not inserted because its message has a reply already takes the place of that reply if it
     * is a failure reply ({@code source=fallback}): the customer's message ends with the answer, not the apology. Only
     * such duplicates cost this statement.
     */
    private Mono<Void> replaceFailureReplies(List<Row> rows, Set<Key> inserted) {
        List<Row> answers = rows.stream().filter(r -> r.role().equals("assistant") && !inserted.contains(r.key())
                && !FAILURE.equals(r.source())).toList();
        if (answers.isEmpty()) {
            return Mono.empty();
        }
        return withMessageColumns(db.sql("""
                update messages m set id = t.id, content = t.content, agent = t.agent, intent = t.intent,
                    source = t.source, confidence = t.confidence, refs = t.refs::jsonb, latency_ms = t.latency_ms
                from unnest(:ids::text[], :users::text[], :inReplyTo::text[], :contents::text[], :agents::text[],
                            :intents::text[], :sources::text[], :confidences::float8[], :refs::text[],
                            :latencies::int8[])
                     as t(id, user_id, in_reply_to, content, agent, intent, source, confidence, refs, latency_ms)
                where m.role = 'assistant' and m.user_id = t.user_id and m.in_reply_to = t.in_reply_to
                  and m.source = '%s'""".formatted(FAILURE)), answers)
                .then();
    }

    /** Binds the columns a message row and a replacing answer share, one array per column. */
    private static DatabaseClient.GenericExecuteSpec withMessageColumns(DatabaseClient.GenericExecuteSpec statement,
            List<Row> rows) {
        return statement.bind("ids", column(rows, Row::id))
                .bind("users", column(rows, Row::userId))
                .bind("inReplyTo", column(rows, Row::inReplyTo))
                .bind("contents", column(rows, Row::content))
                .bind("agents", column(rows, Row::agent))
                .bind("intents", column(rows, Row::intent))
                .bind("sources", column(rows, Row::source))
                .bind("confidences", rows.stream().map(Row::confidence).toArray(Double[]::new))
                .bind("refs", column(rows, Row::refs))
                .bind("latencies", rows.stream().map(Row::latencyMs).toArray(Long[]::new));
    }

    /** Counts the new messages of each conversation, keeps its latest agent and moves its last activity on. */
    private Mono<Void> touch(List<Row> rows, Set<Key> inserted) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> agents = new HashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        Set<Key> counted = new HashSet<>();
        for (Row row : rows) {
            if (inserted.contains(row.key()) && counted.add(row.key())) {
                counts.merge(row.conversationId(), 1, Integer::sum);
                if (row.agent() != null) {
                    agents.put(row.conversationId(), row.agent());
                }
                latest.merge(row.conversationId(), row.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (counts.isEmpty()) {
            return Mono.empty();
        }
        List<String> ids = List.copyOf(counts.keySet());
        return db.sql("""
                update conversations c set message_count = c.message_count + t.added,
                    agent = coalesce(t.agent, c.agent), updated_at = greatest(c.updated_at, t.at::timestamptz)
                from unnest(:ids::text[], :added::int4[], :agents::text[], :ats::text[]) as t(id, added, agent, at)
                where c.id = t.id""")
                .bind("ids", ids.toArray(String[]::new))
                .bind("added", ids.stream().map(counts::get).toArray(Integer[]::new))
                .bind("agents", ids.stream().map(agents::get).toArray(String[]::new))
                .bind("ats", ids.stream().map(id -> latest.get(id).toString()).toArray(String[]::new))
                .then();
    }

    /** Escalates the conversations a new reply handed to a person; answers the status each one left. */
    private Mono<Map<String, String>> escalate(List<Row> rows, Set<Key> inserted) {
        String[] ids = rows.stream().filter(r -> r.escalation() && inserted.contains(r.key()))
                .map(Row::conversationId).distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                update conversations c set status = 'escalated' from conversations old
                where c.id = any(:ids::text[]) and old.id = c.id and c.status <> 'escalated'
                returning c.id as id, old.status as previous""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("id", String.class), row.get("previous", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Row row(SpecificRecord event) {
        if (event instanceof ChatMessageReceived message) {
            return new Row(message.getMessageId(), message.getConversationId(), message.getUserId(), "user",
                    message.getContent(), null, null, null, null, "[]", null, null, message.getReceivedAt(),
                    message.getReceivedAt(), false);
        } else if (event instanceof ChatReplied reply) {
            boolean escalation = reply.getSource() == ReplySource.escalation
                    || Taxonomy.HUMAN_HANDOFF.equals(reply.getIntent());
            return new Row(reply.getReplyId(), reply.getConversationId(), reply.getUserId(), "assistant",
                    reply.getContent(), reply.getAgent().name(), reply.getIntent(), reply.getSource().name(),
                    reply.getConfidence(), json.writeValueAsString(reply.getReferences().stream()
                            .map(ConversationStore::reference).toList()),
                    reply.getLatencyMs(), reply.getMessageId(), reply.getOccurredAt(), reply.getReceivedAt(),
                    escalation);
        }
        // not a chat event: nothing to store (the listener logs it)
        return null;
    }

    private static String[] column(List<Row> rows, Function<Row, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static ReferenceView reference(KnowledgePassage passage) {
        String text = passage.getText();
        return new ReferenceView(passage.getArticleId(), passage.getTitle(),
                text.length() <= 200 ? text : text.substring(0, 199).strip() + "…", passage.getScore());
    }
}
