package dev.switchboard.account.seed;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.audit.Actor;
import dev.switchboard.account.audit.Audit;
import dev.switchboard.account.audit.AuditEntry;
import dev.switchboard.account.policy.Decision;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.platform.web.Caller;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Development only ({@link AccountProperties#RESET_ENABLED}; without it the path does not exist, 404): an admin
 * restores the seed data, so the tau2 harness can play its tasks one after another from the same state. In one
 * transaction it empties the account tables, the verifications and quotes that named their rows, and the applied
 * requests' idempotency keys (their results describe a state that is gone; a harness reusing a request id must get it
 * applied again), then loads the seed as a first start does. The audit and the outbox are kept, and the reset is
 * audited like any action, refused or applied, so {@code account.actions} shows it.
 */
@RestController
@ConditionalOnBooleanProperty(AccountProperties.RESET_ENABLED)
class SeedReset {

    static final String ACTION = "reset_seed";
    private static final Logger log = LoggerFactory.getLogger(SeedReset.class);
    /** Every table the seed fills or whose rows refer to the seeded ones; not the audit or its outbox. */
    private static final List<String> STATE = List.of("applied_requests", "confirmations", "verifications",
            "payment_requests", "bill_line_items", "bills", "technician_appointments", "area_outages",
            "customer_subjects", "payment_methods", "lines", "customers", "plans", "devices");

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final SeedImport seed;
    private final Audit audit;

    SeedReset(DatabaseClient db, TransactionalOperator transaction, SeedImport seed, Audit audit) {
        this.db = db;
        this.transaction = transaction;
        this.seed = seed;
        this.audit = audit;
    }

    /**
     * The seed as it was loaded, and the id of the audit row of this reset.
     *
     * @param actionId the reset's audit row (and {@code account.actions} event)
     */
    record SeedRestored(UUID actionId, int customers, int lines, int bills) {
    }

    @PostMapping("/api/v1/account/admin/reset")
    Mono<SeedRestored> reset(Caller caller) {
        Actor actor = Actor.of(caller);
        Decision decision = Policy.seedReset(Caller.ADMIN.equals(actor.role()));
        if (!decision.allowed()) {
            return audit.record(entry(actor, decision, Audit.REFUSED, decision.detail()))
                    .flatMap(actionId -> Mono.<SeedRestored>error(refused(decision, actionId)))
                    .doFinally(signal -> audit.committed());
        }
        SeedData.Tau2 tau2 = SeedData.tau2();
        SeedData.Demo demo = SeedData.demo();
        SeedRestored restored = new SeedRestored(null, tau2.customers().size(), tau2.lines().size(),
                tau2.bills().size());
        String detail = "restored the seed (" + SeedData.TAU2 + ", " + SeedData.DEMO + "): " + restored.customers()
                + " customers, " + restored.lines() + " lines, " + restored.bills() + " bills";
        return transaction.transactional(db.sql("truncate " + String.join(", ", STATE) + " restart identity").then()
                        .then(seed.load(tau2, demo))
                        .then(audit.record(entry(actor, decision, Audit.APPLIED, detail))))
                .map(actionId -> new SeedRestored(actionId, restored.customers(), restored.lines(), restored.bills()))
                .doOnNext(done -> log.warn("{} by {} (action {})", detail, caller.userId(), done.actionId()))
                .doFinally(signal -> audit.committed());
    }

    private static AuditEntry entry(Actor actor, Decision decision, String outcome, String detail) {
        return new AuditEntry(actor.userId(), actor.role(), null, ACTION, null, outcome, decision.rule(), detail, null,
                null);
    }

    private static ErrorResponseException refused(Decision decision, UUID actionId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, decision.detail());
        problem.setTitle("Refused by policy");
        problem.setProperty("rule", decision.rule().id());
        problem.setProperty("fields", List.of());
        problem.setProperty("actionId", actionId.toString());
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }
}
