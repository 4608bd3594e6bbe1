package dev.switchboard.account.actions;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.LookupRequest;
import dev.switchboard.account.actions.AccountViews.LookupResult;
import dev.switchboard.account.actions.AccountViews.Quote;
import dev.switchboard.account.audit.Actor;
import dev.switchboard.account.audit.Audit;
import dev.switchboard.account.audit.AuditEntry;
import dev.switchboard.account.policy.Decision;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.account.policy.Rule;
import dev.switchboard.platform.web.Caller;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How every action runs: the caller's identity first (the signed-in customer's own account, or the customer a staff
 * member's verification names), then the policy, then the change, each decision audited with its rule. A write is
 * decided and made in one transaction, under the lock of what it changes; one that costs money or changes service is
 * first answered with a quote, and made only when sent again with its confirmation. A write's request id is claimed
 * at the start of its transaction, so the same request sent twice (even at once) is applied once and then answered
 * with the first result.
 */
@Component
class AccountActions {

    /** A lookup's methods, as the audit names them. */
    static final String BY_PHONE = "get_customer_by_phone";
    static final String BY_ID = "get_customer_by_id";
    static final String BY_NAME = "get_customer_by_name";

    private static final String USD = "USD";

    private final AccountStore store;
    private final Audit audit;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final AccountProperties properties;
    private final Clock businessClock;
    private final JsonMapper json;

    AccountActions(AccountStore store, Audit audit, DatabaseClient db, TransactionalOperator transaction,
            AccountProperties properties, JsonMapper json) {
        this.store = store;
        this.audit = audit;
        this.db = db;
        this.transaction = transaction;
        this.properties = properties;
        this.businessClock = properties.businessClock();
        this.json = json;
    }

    /** What one action is: its tool name, and the line, bill or other thing it names. */
    record Action(String name, String target) {
    }

    /**
     * A write, decided under the lock of what it changes.
     *
     * @param price the price the customer confirms, or null when the write needs no confirmation
     * @param terms what the confirmation covers besides the price
     * @param summary what the quote tells the customer
     * @param apply makes the change and says what it did
     */
    record Evaluation(Decision decision, BigDecimal price, String terms, String summary, Supplier<Mono<String>> apply) {
    }

    /** The business date and time, for the policy's dates. */
    Clock businessClock() {
        return businessClock;
    }

    // --- reads

    /**
     * A read of {@code customerId}'s account (null: the caller's own): audited as allowed with the identity rule, or
     * refused (403), or not found (404) when {@code load} finds nothing.
     */
    <T> Mono<T> read(Caller caller, String verification, String customerId, Action action,
            Function<String, Mono<T>> load) {
        Actor actor = Actor.of(caller);
        return identify(actor, verification, customerId, action, null)
                .flatMap(identity -> load.apply(identity.customerId())
                        .flatMap(value -> record(actor, identity.customerId(), action, Audit.ALLOWED,
                                identity.rule(), null, null, null).thenReturn(value))
                        .switchIfEmpty(Mono.defer(() -> notFound(actor, identity, action, null))))
                .doFinally(signal -> audit.committed());
    }

    /**
     * get_customer_by_phone / _by_id / _by_name: staff get a verification for the customer found; a customer may look
     * up only themselves (anyone else is refused as if they did not exist, so a lookup tells a customer nothing).
     */
    Mono<LookupResult> lookup(Caller caller, LookupRequest request) {
        Actor actor = Actor.of(caller);
        Decision decision = Policy.lookup(request.phoneNumber(), request.customerId(), request.fullName(),
                request.dateOfBirth());
        String method = present(request.phoneNumber()) ? BY_PHONE : present(request.customerId()) ? BY_ID : BY_NAME;
        String key = switch (method) {
            case BY_PHONE -> request.phoneNumber();
            case BY_ID -> request.customerId();
            default -> request.fullName() + " " + request.dateOfBirth();
        };
        Action action = new Action(method, key);
        if (!decision.allowed()) {
            return refuse(actor, null, action, null, decision, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Mono<String> found = switch (method) {
            case BY_PHONE -> store.customerByPhone(request.phoneNumber());
            case BY_ID -> store.customerById(request.customerId());
            default -> store.customerByName(request.fullName(), request.dateOfBirth());
        };
        Mono<LookupResult> result;
        if (actor.staff()) {
            Instant expires = Instant.now().plus(properties.verificationTtl());
            result = found.flatMap(customerId -> transaction.transactional(store.verify(actor.userId(), customerId,
                                    method, expires)
                            .flatMap(verification -> record(actor, customerId, action, Audit.ALLOWED,
                                    Rule.IDENTITY_VERIFIED, null, null, null)
                                    .then(store.customer(customerId))
                                    .map(customer -> new LookupResult(verification.toString(), method, expires,
                                            customer)))))
                    .switchIfEmpty(Mono.defer(() -> record(actor, null, action, Audit.NOT_FOUND,
                            Rule.IDENTITY_VERIFIED, "no customer matches", null, null)
                            .flatMap(id -> Mono.error(new ActionRefusedException(HttpStatus.NOT_FOUND,
                                    Rule.IDENTITY_VERIFIED, fieldOf(method), "no customer matches", id)))));
        } else {
            result = store.customerOfSubject(actor.userId()).defaultIfEmpty("")
                    .zipWith(found.defaultIfEmpty(""))
                    .flatMap(both -> {
                        Decision identity = Policy.identity(false, both.getT1().isEmpty() ? null : both.getT1(), null,
                                both.getT2().isEmpty() ? "(none)" : both.getT2());
                        if (!identity.allowed()) {
                            // a customer learns nothing of other customers: no match and another's match look alike
                            Decision refusal = identity.rule() == Rule.IDENTITY_VERIFIED ? identity
                                    : Decision.refuse(Rule.OWN_ACCOUNT_ONLY, fieldOf(method),
                                            "a customer can look up their own account only");
                            return refuse(actor, null, action, null, refusal, HttpStatus.FORBIDDEN);
                        }
                        return record(actor, both.getT1(), action, Audit.ALLOWED, identity.rule(), null, null, null)
                                .then(store.customer(both.getT1()))
                                .map(customer -> new LookupResult(null, method, null, customer));
                    });
        }
        return result.doFinally(signal -> audit.committed());
    }

    private static String fieldOf(String method) {
        return switch (method) {
            case BY_PHONE -> "phoneNumber";
            case BY_ID -> "customerId";
            default -> "fullName";
        };
    }

    // --- writes

    /**
     * A write on {@code customerId}'s account: identity, then (in one transaction) the request id's claim, the
     * evaluation under lock, the confirmation when it has a price, the change, and its audit.
     */
    Mono<ActionResult> write(Caller caller, String verification, String customerId, Action action, String requestId,
            String confirmation, Function<String, Mono<Evaluation>> evaluate) {
        Actor actor = Actor.of(caller);
        return replay(actor, requestId)
                .switchIfEmpty(Mono.defer(() -> identify(actor, verification, customerId, action, requestId)
                        .flatMap(identity -> transaction.transactional(claim(actor, requestId)
                                        .then(evaluate.apply(identity.customerId()))
                                        .flatMap(evaluation -> decide(actor, identity.customerId(), action, requestId,
                                                confirmation, evaluation))
                                        .switchIfEmpty(Mono.defer(() -> unclaim(actor, requestId)
                                                .then(notFoundOutcome(actor, identity, action, requestId)))))
                                .onErrorResume(DataIntegrityViolationException.class,
                                        e -> replay(actor, requestId).map(Outcome::of).switchIfEmpty(Mono.error(e))))
                        .flatMap(AccountActions::resultOrRefusal)))
                .doFinally(signal -> audit.committed());
    }

    /** transfer_to_human_agents: needs no identity, only a summary of the case; idempotent like every write. */
    Mono<ActionResult> transfer(Caller caller, String requestId, String summary) {
        Actor actor = Actor.of(caller);
        Action action = new Action("transfer_to_human_agents", null);
        Decision decision = Policy.transfer(summary);
        return replay(actor, requestId)
                .switchIfEmpty(Mono.defer(() -> transaction.transactional(claim(actor, requestId)
                                .then(decision.allowed()
                                        ? applied(actor, null, action, requestId, decision.rule(), summary.strip(),
                                                null)
                                        : unclaim(actor, requestId).then(refusedOutcome(actor, null, action,
                                                requestId, decision, HttpStatus.UNPROCESSABLE_CONTENT))))
                        .onErrorResume(DataIntegrityViolationException.class,
                                e -> replay(actor, requestId).map(Outcome::of).switchIfEmpty(Mono.error(e)))
                        .flatMap(AccountActions::resultOrRefusal)))
                .doFinally(signal -> audit.committed());
    }

    /** A write's result, or its refusal, once the transaction that audited it committed. */
    private record Outcome(ActionResult result, ActionRefusedException refusal) {

        static Outcome of(ActionResult result) {
            return new Outcome(result, null);
        }
    }

    private static Mono<ActionResult> resultOrRefusal(Outcome outcome) {
        return outcome.refusal() != null ? Mono.error(outcome.refusal()) : Mono.just(outcome.result());
    }

    private Mono<Outcome> decide(Actor actor, String customerId, Action action, String requestId,
            String confirmation, Evaluation evaluation) {
        if (!evaluation.decision().allowed()) {
            return unclaim(actor, requestId).then(refusedOutcome(actor, customerId, action, requestId,
                    evaluation.decision(), HttpStatus.UNPROCESSABLE_CONTENT));
        }
        if (evaluation.price() == null) {
            return evaluation.apply().get().flatMap(detail -> applied(actor, customerId, action, requestId,
                    evaluation.decision().rule(), detail, null));
        }
        Policy.Terms terms = new Policy.Terms(actor.userId(), customerId, action.name(), action.target(),
                evaluation.terms(), evaluation.price());
        if (confirmation == null || confirmation.isBlank()) {
            return unclaim(actor, requestId).then(quote(actor, action, requestId, terms, evaluation.summary()));
        }
        return lockQuote(confirmation).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(quote -> {
                    Decision confirmed = Policy.confirmation(terms, quote.orElse(null), Instant.now());
                    if (!confirmed.allowed()) {
                        return unclaim(actor, requestId).then(refusedOutcome(actor, customerId, action, requestId,
                                confirmed, HttpStatus.UNPROCESSABLE_CONTENT));
                    }
                    return db.sql("update confirmations set used_at = :now where token = :t")
                            .bind("now", Instant.now()).bind("t", UUID.fromString(confirmation.strip())).then()
                            .then(evaluation.apply().get())
                            .flatMap(detail -> applied(actor, customerId, action, requestId,
                                    evaluation.decision().rule(), detail, terms.price()));
                });
    }

    private Mono<Outcome> quote(Actor actor, Action action, String requestId, Policy.Terms terms, String summary) {
        UUID token = UUID.randomUUID();
        Instant expires = Instant.now().plus(properties.quoteTtl());
        return db.sql("""
                        insert into confirmations (token, actor, customer_id, action, target, terms, price, created_at,
                                                   expires_at)
                        values (:token, :actor, :customer, :action, :target, :terms, :price, :now, :expires)""")
                .bind("token", token).bind("actor", terms.actor()).bind("customer", terms.customerId())
                .bind("action", terms.action()).bind("target", terms.target()).bind("terms", terms.terms())
                .bind("price", terms.price()).bind("now", Instant.now()).bind("expires", expires).then()
                .then(record(actor, terms.customerId(), action, Audit.CONFIRMATION_REQUIRED,
                        Rule.CONFIRMATION_REQUIRED, summary, requestId, terms.price()))
                .map(id -> Outcome.of(new ActionResult(id.toString(), action.name(), Audit.CONFIRMATION_REQUIRED,
                        Rule.CONFIRMATION_REQUIRED.id(), summary,
                        new Quote(token.toString(), terms.price(), USD, summary, expires), false)));
    }

    /** The stored quote a confirmation names, locked: two requests cannot use it both. */
    private Mono<Policy.Quote> lockQuote(String confirmation) {
        UUID token;
        try {
            token = UUID.fromString(confirmation.strip());
        } catch (IllegalArgumentException e) {
            return Mono.empty();
        }
        return db.sql("select * from confirmations where token = :t for update").bind("t", token)
                .map(row -> new Policy.Quote(new Policy.Terms(row.get("actor", String.class),
                        row.get("customer_id", String.class), row.get("action", String.class),
                        row.get("target", String.class), row.get("terms", String.class),
                        row.get("price", BigDecimal.class)),
                        row.get("expires_at", Instant.class), row.get("used_at", Instant.class)))
                .one();
    }

    private Mono<Outcome> applied(Actor actor, String customerId, Action action, String requestId, Rule rule,
            String detail, BigDecimal price) {
        return record(actor, customerId, action, Audit.APPLIED, rule, detail, requestId, price)
                .flatMap(id -> {
                    ActionResult result = new ActionResult(id.toString(), action.name(), Audit.APPLIED, rule.id(),
                            detail, null, false);
                    return db.sql("""
                                    update applied_requests set action_id = :id, result = :result
                                    where actor = :actor and request_id = :request""")
                            .bind("id", id).bind("result", json.writeValueAsString(result))
                            .bind("actor", actor.userId()).bind("request", requestId).then()
                            .thenReturn(Outcome.of(result));
                });
    }

    private Mono<Outcome> refusedOutcome(Actor actor, String customerId, Action action, String requestId,
            Decision decision, HttpStatus status) {
        return record(actor, customerId, action, Audit.REFUSED, decision.rule(), decision.detail(), requestId, null)
                .map(id -> new Outcome(null, new ActionRefusedException(status, decision.rule(), decision.field(),
                        decision.detail(), id)));
    }

    private Mono<Outcome> notFoundOutcome(Actor actor, Identity identity, Action action, String requestId) {
        String detail = action.target() + " is not on account " + identity.customerId();
        return record(actor, identity.customerId(), action, Audit.NOT_FOUND, identity.rule(), detail, requestId, null)
                .map(id -> new Outcome(null, new ActionRefusedException(HttpStatus.NOT_FOUND, identity.rule(), null,
                        detail, id)));
    }

    /** The request id, claimed for this transaction: a second transaction with it waits here until this one ends. */
    private Mono<Void> claim(Actor actor, String requestId) {
        return db.sql("insert into applied_requests (actor, request_id) values (:actor, :request)")
                .bind("actor", actor.userId()).bind("request", requestId).then();
    }

    /** Gives the request id back: only an applied write keeps it, so a refused or quoted request can be sent again. */
    private Mono<Void> unclaim(Actor actor, String requestId) {
        return db.sql("delete from applied_requests where actor = :actor and request_id = :request")
                .bind("actor", actor.userId()).bind("request", requestId).then();
    }

    /** The result of the write this actor already applied with this request id. */
    private Mono<ActionResult> replay(Actor actor, String requestId) {
        return db.sql("""
                        select result from applied_requests
                        where actor = :actor and request_id = :request and result is not null""")
                .bind("actor", actor.userId()).bind("request", requestId)
                .map(row -> row.get("result", String.class)).one()
                .map(result -> json.readValue(result, ActionResult.class).asReplayed());
    }

    // --- identity

    /** The customer an action is about, and the rule that let the caller act on them. */
    record Identity(String customerId, Rule rule) {
    }

    private Mono<Identity> identify(Actor actor, String verification, String customerId, Action action,
            String requestId) {
        if (actor.staff()) {
            UUID verificationId = uuid(verification);
            Mono<String> verified = verificationId == null ? Mono.empty()
                    : store.verifiedCustomer(actor.userId(), verificationId);
            return verified.defaultIfEmpty("").flatMap(v -> decided(actor, customerId, action, requestId,
                    Policy.identity(true, null, v.isEmpty() ? null : v, customerId), customerId));
        }
        return store.customerOfSubject(actor.userId()).defaultIfEmpty("").flatMap(own -> decided(actor, customerId,
                action, requestId, Policy.identity(false, own.isEmpty() ? null : own, null, customerId),
                customerId == null ? own : customerId));
    }

    private Mono<Identity> decided(Actor actor, String requested, Action action, String requestId, Decision decision,
            String customerId) {
        return decision.allowed() ? Mono.just(new Identity(customerId, decision.rule()))
                : refuse(actor, requested, action, requestId, decision, HttpStatus.FORBIDDEN);
    }

    private <T> Mono<T> refuse(Actor actor, String customerId, Action action, String requestId, Decision decision,
            HttpStatus status) {
        return record(actor, customerId, action, Audit.REFUSED, decision.rule(), decision.detail(), requestId, null)
                .flatMap(id -> Mono.error(new ActionRefusedException(status, decision.rule(), decision.field(),
                        decision.detail(), id)));
    }

    private <T> Mono<T> notFound(Actor actor, Identity identity, Action action, String requestId) {
        return notFoundOutcome(actor, identity, action, requestId).flatMap(AccountActions::<T>refusal);
    }

    private static <T> Mono<T> refusal(Outcome outcome) {
        return Mono.error(outcome.refusal());
    }

    private Mono<UUID> record(Actor actor, String customerId, Action action, String outcome, Rule rule,
            String detail, String requestId, BigDecimal price) {
        return audit.record(new AuditEntry(actor.userId(), actor.role(), customerId, action.name(), action.target(),
                outcome, rule, detail, requestId, price));
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
