package dev.switchboard.account.audit;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Events;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes the outbox on {@code account.actions}, oldest first: a batch of rows is locked (other replicas skip them),
 * sent, and deleted once the broker acknowledged every record, in one transaction. If the broker or the database is
 * away nothing is deleted and the next round sends the batch again, so an event may be published twice (consumers
 * dedupe by its {@code eventId}, the audit row's id) but never lost. One round at a time per replica: after an action
 * was committed ({@link #nudge}) and every poll interval.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final EventPublisher publisher;
    private final AccountProperties.Outbox settings;
    private final MeterRegistry meters;
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private volatile Disposable rounds;

    OutboxRelay(DatabaseClient db, TransactionalOperator transaction, EventPublisher publisher,
            AccountProperties properties, MeterRegistry meters) {
        this.db = db;
        this.transaction = transaction;
        this.publisher = publisher;
        this.settings = properties.outbox();
        this.meters = meters;
    }

    void nudge() {
        nudges.tryEmitNext(true);
    }

    @Override
    public void start() {
        rounds = Flux.merge(Flux.interval(settings.pollInterval()).map(tick -> true), nudges.asFlux())
                .onBackpressureDrop()
                .concatMap(wake -> drain(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = rounds;
        if (running != null) {
            running.dispose();
            rounds = null;
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }

    /** Rounds until the outbox has less than a batch left; a failure waits for the next wake-up. */
    private Mono<Integer> drain() {
        return publishBatch().expand(sent -> sent < settings.batchSize() ? Mono.empty() : publishBatch())
                .reduce(0, Integer::sum)
                .onErrorResume(e -> {
                    log.warn("the outbox of {} was not published, it is retried: {}", Topics.ACCOUNT_ACTIONS.name(),
                            e.toString());
                    return Mono.just(0);
                });
    }

    private Mono<Integer> publishBatch() {
        return transaction.transactional(db.sql("""
                        select o.id as outbox_id, a.* from outbox o join account_actions a on a.id = o.action_id
                        order by o.id limit :n for update of o skip locked""")
                .bind("n", settings.batchSize())
                .map(row -> new Pending(row.get("outbox_id", Long.class), event(row)))
                .all().collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : send(batch)
                        .then(db.sql("delete from outbox where id = any(:ids)")
                                .bind("ids", batch.stream().map(Pending::outboxId).toArray(Long[]::new)).then())
                        .thenReturn(batch.size())));
    }

    private record Pending(long outboxId, AccountActionRecorded event) {
    }

    private Mono<Void> send(List<Pending> batch) {
        // sent in order on one producer, so each account's events keep their order; awaited together
        CompletableFuture<?>[] sent = batch.stream().map(p -> publisher.publish(Topics.ACCOUNT_ACTIONS,
                key(p.event()), p.event())).toArray(CompletableFuture[]::new);
        return Mono.fromFuture(CompletableFuture.allOf(sent)).timeout(Duration.ofSeconds(30))
                .doOnSuccess(done -> batch.forEach(p -> published(p.event())))
                .then();
    }

    /** Counted once the broker acknowledged it (a batch sent again after a failure counts again, as it is sent). */
    private void published(AccountActionRecorded event) {
        Counter.builder("account.actions.published").description("account actions published on account.actions")
                .tag("action", event.getAction()).tag("outcome", event.getOutcome()).register(meters).increment();
    }

    /** By account; an action on no identified account by its actor. */
    private static String key(AccountActionRecorded event) {
        return event.getCustomerId() != null ? event.getCustomerId() : event.getActor();
    }

    private static AccountActionRecorded event(Readable row) {
        AccountActionRecorded event = Events.withDefaults(new AccountActionRecorded());
        event.setEventId(row.get("id", UUID.class).toString());
        event.setOccurredAt(row.get("at", Instant.class));
        event.setActor(row.get("actor", String.class));
        event.setActorRole(row.get("actor_role", String.class));
        event.setCustomerId(row.get("customer_id", String.class));
        event.setAction(row.get("action", String.class));
        event.setTarget(row.get("target", String.class));
        event.setOutcome(row.get("outcome", String.class));
        event.setRule(row.get("rule", String.class));
        event.setDetail(row.get("detail", String.class));
        event.setRequestId(row.get("request_id", String.class));
        BigDecimal price = row.get("price", BigDecimal.class);
        event.setPrice(price == null ? null : price.doubleValue());
        return event;
    }
}
