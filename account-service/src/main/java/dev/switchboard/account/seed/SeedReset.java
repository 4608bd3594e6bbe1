package dev.switchboard.account.seed;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.audit.Actor;
import dev.switchboard.account.audit.Audit;
import dev.switchboard.account.audit.AuditEntry;
import dev.switchboard.account.policy.Decision;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Development only ({@link AccountProperties#RESET_ENABLED}; without it the path does not exist, 404): an admin
 * restores the seed data, so the tau2 harness can play its tasks one after another from the same state. In one
 * transaction it empties the account tables, the verifications and quotes that named their rows, and the applied
 * requests' idempotency keys (their results describe a state that is gone; a harness reusing a request id must get it
 * applied again), then loads the seed as a first start does. The audit and the outbox are kept, and the reset is
 * audited like any action, refused or applied, so {@code account.actions} shows it.
 *
 * <p>Beside it, the account's side of tau2's initial states that no action offers (the policy rightly refuses a
 * suspension without an overdue bill): {@code set_data_usage} and {@code suspend_line_for_overdue_bill}, as tau2's
 * environment does them, admin only and audited the same way.
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

    private final AccountProperties properties;

    SeedReset(DatabaseClient db, TransactionalOperator transaction, SeedImport seed, Audit audit,
            AccountProperties properties) {
        this.properties = properties;
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

    /** A development set-up applied, and its audit row. */
    record ScenarioApplied(UUID actionId, String detail) {
    }

    /** tau2's {@code set_data_usage}: the line's data used this month. */
    record DataUsage(@NotBlank String lineId, @NotNull @PositiveOrZero BigDecimal dataUsedGb) {
    }

    /**
     * tau2's {@code suspend_line_for_overdue_bill}: a new overdue bill of the plan's monthly price for last month,
     * the line (active) suspended today, and, when {@code contractEnded}, its contract ended last month.
     */
    record OverdueSuspension(@NotBlank String customerId, @NotBlank String lineId, @NotBlank String billId,
            boolean contractEnded) {
    }

    @PostMapping("/api/v1/account/admin/reset")
    Mono<SeedRestored> reset(Caller caller) {
        Actor actor = Actor.of(caller);
        Decision decision = Policy.seedReset(Caller.ADMIN.equals(actor.role()));
        if (!decision.allowed()) {
            return refuse(actor, ACTION, decision);
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

    @PostMapping("/api/v1/account/admin/scenarios/data-usage")
    Mono<ScenarioApplied> dataUsage(Caller caller, @Valid @RequestBody DataUsage body) {
        return scenario(caller, "set_data_usage", db.sql("update lines set data_used_gb = :used where line_id = :l")
                .bind("used", body.dataUsedGb()).bind("l", body.lineId()).fetch().rowsUpdated()
                .map(rows -> rows == 1 ? body.lineId() + " has used " + body.dataUsedGb() + " GB" : ""));
    }

    @PostMapping("/api/v1/account/admin/scenarios/overdue-suspension")
    Mono<ScenarioApplied> overdueSuspension(Caller caller, @Valid @RequestBody OverdueSuspension body) {
        LocalDate today = LocalDate.now(properties.businessClock());
        LocalDate firstOfLastMonth = today.withDayOfMonth(1).minusMonths(1);
        LocalDate lastOfLastMonth = today.withDayOfMonth(1).minusDays(1);
        Mono<String> applied = db.sql("""
                        select p.price_per_month from lines l join plans p using (plan_id)
                        where l.line_id = :l and l.customer_id = :c and l.status = :active
                          and not exists (select 1 from bills where customer_id = :c and status = :overdue)
                        for update of l""")
                .bind("l", body.lineId()).bind("c", body.customerId()).bind("active", Policy.ACTIVE)
                .bind("overdue", Policy.OVERDUE).map(row -> row.get(0, BigDecimal.class)).one()
                .flatMap(price -> db.sql("""
                                insert into bills (bill_id, customer_id, period_start, period_end, issue_date,
                                                   total_due, due_date, status)
                                values (:b, :c, :start, :end, :start, :price, :due, :overdue)""")
                        .bind("b", body.billId()).bind("c", body.customerId()).bind("start", firstOfLastMonth)
                        .bind("end", lastOfLastMonth).bind("price", price).bind("due", firstOfLastMonth.plusDays(14))
                        .bind("overdue", Policy.OVERDUE).then()
                        .then(db.sql("""
                                        insert into bill_line_items (bill_id, position, description, amount, item_date,
                                                                     item_type)
                                        values (:b, 0, :d, :price, :today, 'Charge')""")
                                .bind("b", body.billId()).bind("d", "Charge for line " + body.lineId())
                                .bind("price", price).bind("today", today).then())
                        .then(db.sql("""
                                        update lines set status = :suspended, suspension_start_date = :today,
                                            contract_end_date = case when :ended then :lastMonth
                                                                     else contract_end_date end
                                        where line_id = :l""")
                                .bind("suspended", Policy.SUSPENDED).bind("today", today)
                                .bind("ended", body.contractEnded()).bind("lastMonth", lastOfLastMonth)
                                .bind("l", body.lineId()).then())
                        .thenReturn(body.lineId() + " suspended for overdue bill " + body.billId() + " (" + price
                                + " USD); contract ended: " + body.contractEnded()))
                .defaultIfEmpty("");
        return scenario(caller, "suspend_line_for_overdue_bill", applied);
    }

    /** A development set-up: admin only; applied with its audit row in one transaction, or 422 when it cannot be. */
    private Mono<ScenarioApplied> scenario(Caller caller, String action, Mono<String> apply) {
        Actor actor = Actor.of(caller);
        Decision decision = Policy.seedReset(Caller.ADMIN.equals(actor.role()));
        if (!decision.allowed()) {
            return refuse(actor, action, decision);
        }
        return transaction.transactional(apply.flatMap(detail -> detail.isEmpty()
                        ? Mono.<ScenarioApplied>error(new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                                action + ": no active line of that customer without an overdue bill"))
                        : audit.record(new AuditEntry(actor.userId(), actor.role(), null, action, null, Audit.APPLIED,
                                        decision.rule(), detail, null, null))
                                .map(actionId -> new ScenarioApplied(actionId, detail))))
                .doFinally(signal -> audit.committed());
    }

    private <T> Mono<T> refuse(Actor actor, String action, Decision decision) {
        return audit.record(new AuditEntry(actor.userId(), actor.role(), null, action, null, Audit.REFUSED,
                        decision.rule(), decision.detail(), null, null))
                .flatMap(actionId -> Mono.<T>error(refused(decision, actionId)))
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
