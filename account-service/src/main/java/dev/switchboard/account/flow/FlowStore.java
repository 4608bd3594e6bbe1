package dev.switchboard.account.flow;

import static dev.switchboard.account.Sql.orNull;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.agent.ToolAgent.Exchange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each conversation's flow state and each flow turn's reply, in account-service's database: a restarted or rebalanced
 * instance goes on where the conversation stands, and a turn delivered again gets the reply it got the first time.
 */
@Component
class FlowStore {

    /** A conversation's flow: which, its state, and whether it ended (or was idle too long to go on). */
    record Conversation(String userId, String flow, FlowState state, boolean ended) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final JsonMapper json;
    private final Duration flowTtl;

    FlowStore(DatabaseClient db, TransactionalOperator transaction, JsonMapper json, AccountProperties properties) {
        this.db = db;
        this.transaction = transaction;
        this.json = json;
        this.flowTtl = properties.flowTtl();
    }

    /**
     * The conversation's flow. One idle for longer than the flow time-out has ended: intent-service stops routing the
     * conversation's turns to it after that time, so it no longer tells this service when the customer leaves it.
     */
    Mono<Conversation> conversation(String conversationId) {
        return db.sql("select user_id, flow, state, ended or updated_at < :idleSince as ended from flow_conversations "
                        + "where conversation_id = :c")
                .bind("c", conversationId).bind("idleSince", Instant.now().minus(flowTtl))
                .map(row -> new Conversation(row.get("user_id", String.class), row.get("flow", String.class),
                        json.readValue(row.get("state", String.class), FlowState.class),
                        Boolean.TRUE.equals(row.get("ended", Boolean.class))))
                .one();
    }

    /** The reply this customer's message already got, when it was a flow turn answered before. */
    Mono<FlowReply> answered(String userId, String messageId) {
        return db.sql("select reply from flow_turns where user_id = :u and message_id = :m")
                .bind("u", userId).bind("m", messageId)
                .map(row -> json.readValue(row.get("reply", String.class), FlowReply.class)).one();
    }

    /** The customer's last {@code limit} flow turns of the conversation with their replies, oldest first. */
    Mono<List<Exchange>> history(String conversationId, String userId, int limit) {
        return db.sql("""
                        select said, reply from flow_turns where conversation_id = :c and user_id = :u
                        order by at desc limit :n""")
                .bind("c", conversationId).bind("u", userId).bind("n", limit)
                .map(row -> new Exchange(row.get("said", String.class),
                        json.readValue(row.get("reply", String.class), FlowReply.class).content()))
                .all().collectList()
                .map(newestFirst -> {
                    List<Exchange> oldestFirst = new ArrayList<>(newestFirst);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }

    /** The turn (what the customer said, the reply) and the conversation's state after it, together. */
    Mono<Void> save(String conversationId, String userId, String messageId, String said, String flow,
            FlowState state, FlowReply reply) {
        Instant now = Instant.now();
        return transaction.transactional(db.sql("""
                        insert into flow_conversations (conversation_id, user_id, flow, state, ended, updated_at)
                        values (:c, :u, :f, :s, :e, :now)
                        on conflict (conversation_id) do update
                        set flow = excluded.flow, state = excluded.state, ended = excluded.ended,
                            updated_at = excluded.updated_at""")
                .bind("c", conversationId).bind("u", userId).bind("f", flow)
                .bind("s", json.writeValueAsString(state)).bind("e", reply.flow() == null).bind("now", now).then()
                .then(db.sql("""
                                insert into flow_turns (user_id, message_id, conversation_id, said, reply, at)
                                values (:u, :m, :c, :said, :r, :now) on conflict do nothing""")
                        .bind("u", userId).bind("m", messageId).bind("c", conversationId)
                        .bind("said", orNull(said, String.class))
                        .bind("r", json.writeValueAsString(reply)).bind("now", now).then()));
    }

    /** The customers left these conversations' flows (turns routed elsewhere): their next flow turns start afresh. */
    Mono<Long> leave(Collection<String> conversationIds) {
        return db.sql("update flow_conversations set ended = true, updated_at = :now "
                        + "where conversation_id = any(:c::text[]) and not ended")
                .bind("c", conversationIds.toArray(String[]::new)).bind("now", Instant.now()).fetch().rowsUpdated();
    }
}
