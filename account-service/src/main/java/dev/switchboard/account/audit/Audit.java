package dev.switchboard.account.audit;

import static dev.switchboard.account.Sql.orNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The audit of every action: a row per decision, and in the same transaction its entry in the outbox, from which
 * {@link OutboxRelay} publishes it on {@code account.actions}. A decision made inside a write's transaction commits
 * (or not) with the write, so the audit, the events and the account never disagree.
 */
@Component
public class Audit {

    /** A read or lookup that was answered. */
    public static final String ALLOWED = "allowed";
    /** A write that was made. */
    public static final String APPLIED = "applied";
    /** A write that waits for the customer's confirmation of a quoted price. */
    public static final String CONFIRMATION_REQUIRED = "confirmation_required";
    public static final String REFUSED = "refused";
    /** What the action named does not exist (or not on this account). */
    public static final String NOT_FOUND = "not_found";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final OutboxRelay relay;

    Audit(DatabaseClient db, TransactionalOperator transaction, OutboxRelay relay) {
        this.db = db;
        this.transaction = transaction;
        this.relay = relay;
    }

    /** Records a decision (in the caller's transaction, if there is one) and returns its id, the action's id. */
    public Mono<UUID> record(AuditEntry entry) {
        UUID id = UUID.randomUUID();
        return transaction.transactional(db.sql("""
                        insert into account_actions (id, at, actor, actor_role, customer_id, action, target, outcome,
                                                     rule, detail, request_id, price)
                        values (:id, :at, :actor, :role, :customer, :action, :target, :outcome, :rule, :detail,
                                :request, :price)""")
                .bind("id", id).bind("at", Instant.now()).bind("actor", entry.actor())
                .bind("role", entry.actorRole()).bind("customer", orNull(entry.customerId(), String.class))
                .bind("action", entry.action()).bind("target", orNull(entry.target(), String.class))
                .bind("outcome", entry.outcome()).bind("rule", entry.rule().id())
                .bind("detail", orNull(entry.detail(), String.class))
                .bind("request", orNull(entry.requestId(), String.class))
                .bind("price", orNull(entry.price(), BigDecimal.class))
                .then()
                .then(db.sql("insert into outbox (action_id) values (:id)").bind("id", id).then())
                .thenReturn(id));
    }

    /** Tells the relay that decisions were committed, so their events leave now rather than at its next poll. */
    public void committed() {
        relay.nudge();
    }
}
