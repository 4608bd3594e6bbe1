package dev.switchboard.knowledge.versions;

import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.knowledge.base.InvalidKnowledgeBaseException;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.versions.Sha256;
import dev.switchboard.schemas.Events;
import dev.switchboard.schemas.Topics;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The knowledge base's versions in knowledge-service's database: every published document, which one is active, and
 * an audit of every change. A change of the active version holds the lock of the one {@code kb_active} row while it is
 * announced on {@code knowledge.versions}, and commits only once the broker acknowledged the announcement, so the
 * announcements follow the database's changes one for one and in order; an announcement that fails undoes the change.
 */
class KnowledgeVersions {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeVersions.class);

    /** Who made a change that no person made: the first import. */
    static final String SERVICE = "knowledge-service";

    /** One stored version, without its content. */
    record Version(long id, String label, String checksum, String createdBy, Instant createdAt, String note,
            boolean active) {
    }

    /** A version's content, exactly as published, with what a consumer checks it against. */
    record Content(long id, String checksum, String content) {
    }

    /**
     * What a change did.
     *
     * @param action published, reloaded, activated, rolled_back, or unchanged (the version was already active)
     */
    record Change(String action, long versionId, String label, String checksum, Long previousVersionId) {
    }

    /** One line of the audit. */
    record AuditEntry(long id, Instant at, String actor, String action, Long fromVersion, Long toVersion,
            String outcome, String detail) {
    }

    /** A version that does not exist. */
    static final class UnknownVersionException extends RuntimeException {

        UnknownVersionException(long id) {
            super("knowledge base version " + id + " does not exist");
        }
    }

    /** A stored version whose content does not match the checksum it was announced or stored with. */
    static final class ChecksumMismatchException extends RuntimeException {

        ChecksumMismatchException(long id, String actual, String announced, String stored) {
            super("knowledge base version " + id + " has checksum " + actual + ", announced " + announced
                    + ", stored " + stored);
        }
    }

    /** The announcement of a change could not be sent: nothing changed. */
    static final class NotAnnouncedException extends RuntimeException {

        NotAnnouncedException(String what, Throwable cause) {
            super(what + " was not made: its announcement on " + Topics.KNOWLEDGE_VERSIONS.name()
                    + " failed, so the active version is unchanged (" + cause.getMessage() + ")", cause);
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final EventPublisher publisher;
    private final KnowledgeBaseLoader loader;

    KnowledgeVersions(DatabaseClient db, TransactionalOperator transaction, EventPublisher publisher,
            KnowledgeBaseLoader loader) {
        this.db = db;
        this.transaction = transaction;
        this.publisher = publisher;
        this.loader = loader;
    }

    static String checksum(String content) {
        return Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The active version, validated; when there is none yet (a new database), the file is read and imported as the
     * first version and made active (a database that has versions never reads it). Replicas starting together import once: the first holds the table's lock.
     * It is announced by {@link #announceUnlessAnnounced}, once the service's topics exist.
     */
    Mono<PublishedKnowledgeBase> activeOrImport(Supplier<String> file, String source) {
        return transaction.transactional(db.sql("lock table kb_active in exclusive mode").then()
                .then(activeContent().switchIfEmpty(Mono.defer(() -> {
                    String document = file.get();
                    String label = loader.load(document, source).version();
                    return insert(document, label, SERVICE, "imported from " + source)
                            .flatMap(id -> db.sql("""
                                    insert into kb_active (version_id, activated_by, activated_at)
                                    values (:id, :actor, :now)""")
                                    .bind("id", id).bind("actor", SERVICE).bind("now", Instant.now()).then()
                                    .then(audit(SERVICE, "imported", null, id, "done", source))
                                    .then(content(id)));
                }))))
                .map(content -> new PublishedKnowledgeBase(content.id(), content.checksum(),
                        loader.load(content.content(), "knowledge base version " + content.id())));
    }

    /**
     * Stores a new version and makes it active. A document that does not validate is refused (and audited) with the
     * path and field at fault; one identical to the active version changes nothing; any other goes through
     * {@code gate} first (it throws to refuse; it blocks for seconds, on a thread of the bounded elastic scheduler).
     */
    Mono<Change> publish(String actor, String document, String note, String action, Consumer<KnowledgeBase> gate) {
        KnowledgeBase kb;
        try {
            kb = loader.load(document, "the document");
        } catch (InvalidKnowledgeBaseException e) {
            return audit(actor, action, null, null, "refused", e.getMessage()).then(Mono.error(e));
        }
        String checksum = checksum(document);
        // the version is stored (committed) before the change that announces it, so every replica finds it
        return activeId().flatMap(this::version).flatMap(active -> active.checksum().equals(checksum)
                ? Mono.just(new Change("unchanged", active.id(), active.label(), checksum, null))
                // the gate trains a classifier (seconds): never on the database driver's thread, which emits active
                : Mono.fromRunnable(() -> gate.accept(kb)).subscribeOn(Schedulers.boundedElastic())
                        .then(insert(document, kb.version(), actor, note))
                        .flatMap(id -> transaction.transactional(lockActive()
                        .flatMap(locked -> switchTo(actor, action, locked,
                                new Version(id, kb.version(), checksum, actor, null, note, true))))))
                .onErrorResume(e -> failed(actor, action, null, e));
    }

    /** Makes a stored version active again; an earlier one than the active is a rollback. */
    Mono<Change> activate(String actor, long id) {
        return transaction.transactional(lockActive().flatMap(active -> version(id)
                .switchIfEmpty(Mono.error(new UnknownVersionException(id)))
                .flatMap(target -> target.id() == active.id()
                        ? Mono.just(new Change("unchanged", id, target.label(), target.checksum(), null))
                        : switchTo(actor, target.id() < active.id() ? "rolled_back" : "activated", active, target))))
                .onErrorResume(e -> !(e instanceof UnknownVersionException), e -> failed(actor, "activated", id, e));
    }

    /**
     * Announces the active version unless the topic's latest announcement already names it: after the first import,
     * or when a change's commit failed after its announcement. Under the lock, so it never announces a stale one.
     */
    Mono<Void> announceUnlessAnnounced(Long lastAnnounced) {
        return transaction.transactional(lockActive().flatMap(active -> {
            if (lastAnnounced != null && lastAnnounced == active.id()) {
                return Mono.empty();
            }
            log.info("announcing the active knowledge base version {} (the topic's latest names {})", active.id(),
                    lastAnnounced);
            return announce(SERVICE, active, lastAnnounced, false);
        })).then();
    }

    /** A version's content, checked against the checksum it was announced with, and validated. */
    Mono<PublishedKnowledgeBase> load(long id, String expectedChecksum) {
        return content(id).switchIfEmpty(Mono.error(new UnknownVersionException(id))).map(content -> {
            String actual = checksum(content.content());
            if (!actual.equals(expectedChecksum) || !actual.equals(content.checksum())) {
                throw new ChecksumMismatchException(id, actual, expectedChecksum, content.checksum());
            }
            return new PublishedKnowledgeBase(id, actual, loader.load(content.content(), "knowledge base version " + id));
        });
    }

    Mono<Long> activeId() {
        return db.sql("select version_id from kb_active").map(row -> row.get("version_id", Long.class)).one();
    }

    Flux<Version> versions() {
        return db.sql(VERSIONS + " order by v.id desc").map(row -> version(row)).all();
    }

    Mono<Version> version(long id) {
        return db.sql(VERSIONS + " where v.id = :id").bind("id", id).map(row -> version(row)).one();
    }

    Mono<Content> content(long id) {
        return db.sql("select id, checksum, content from kb_versions where id = :id").bind("id", id)
                .map(row -> new Content(row.get("id", Long.class), row.get("checksum", String.class),
                        row.get("content", String.class)))
                .one();
    }

    Mono<Content> activeContent() {
        return activeId().flatMap(this::content);
    }

    Flux<AuditEntry> audit(int limit) {
        return db.sql("""
                        select id, at, actor, action, from_version, to_version, outcome, detail from kb_audit
                        order by id desc limit :limit""")
                .bind("limit", limit)
                .map(row -> new AuditEntry(row.get("id", Long.class), row.get("at", Instant.class),
                        row.get("actor", String.class), row.get("action", String.class),
                        row.get("from_version", Long.class), row.get("to_version", Long.class),
                        row.get("outcome", String.class), row.get("detail", String.class)))
                .all();
    }

    private static final String VERSIONS = """
            select v.id, v.label, v.checksum, v.created_by, v.created_at, v.note,
                   coalesce(a.version_id = v.id, false) as active
            from kb_versions v left join kb_active a on a.version_id = v.id""";

    private static Version version(Readable row) {
        return new Version(row.get("id", Long.class), row.get("label", String.class),
                row.get("checksum", String.class), row.get("created_by", String.class),
                row.get("created_at", Instant.class), row.get("note", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }

    /** The active version, its row locked until the transaction ends. */
    private Mono<Version> lockActive() {
        return db.sql("select version_id from kb_active for update").map(row -> row.get("version_id", Long.class))
                .one().flatMap(this::version)
                .switchIfEmpty(Mono.error(new IllegalStateException("no knowledge base version is active yet")));
    }

    private Mono<Long> insert(String document, String label, String actor, String note) {
        return db.sql("""
                        insert into kb_versions (label, checksum, content, created_by, created_at, note)
                        values (:label, :checksum, :content, :actor, :now, :note) returning id""")
                .bind("label", label).bind("checksum", checksum(document))
                .bind("content", document).bind("actor", actor).bind("now", Instant.now())
                .bind("note", Parameters.in(R2dbcType.VARCHAR, note))
                .map(row -> row.get("id", Long.class)).one();
    }

    private Mono<Change> switchTo(String actor, String action, Version from, Version to) {
        return db.sql("update kb_active set version_id = :id, activated_by = :actor, activated_at = :now")
                .bind("id", to.id()).bind("actor", actor).bind("now", Instant.now()).then()
                .then(audit(actor, action, from.id(), to.id(), "done", null))
                .then(announce(actor, to, from.id(), "rolled_back".equals(action)))
                .thenReturn(new Change(action, to.id(), to.label(), to.checksum(), from.id()))
                .doOnSuccess(change -> log.info("knowledge base version {} ({}) made active by {} ({}), was {}",
                        to.id(), to.label(), actor, action, from.id()));
    }

    /** Sends the announcement and waits for the broker, inside the change's transaction. */
    private Mono<Void> announce(String actor, Version version, Long previous, boolean rollback) {
        KnowledgeBaseVersionPublished event = Events.withDefaults(new KnowledgeBaseVersionPublished());
        event.setEventId(UUID.randomUUID().toString());
        event.setVersionId(version.id());
        event.setLabel(version.label());
        event.setChecksum(version.checksum());
        event.setPublishedAt(Instant.now());
        event.setPublishedBy(actor);
        event.setPreviousVersionId(previous);
        event.setRollback(rollback);
        return Mono.fromFuture(() -> publisher.publish(Topics.KNOWLEDGE_VERSIONS, Topics.KNOWLEDGE_BASE_KEY, event))
                .onErrorMap(e -> new NotAnnouncedException("making version " + version.id() + " active", e));
    }

    private Mono<Change> failed(String actor, String action, Long to, Throwable e) {
        if (e instanceof InvalidKnowledgeBaseException) {
            return Mono.error(e);
        }
        if (e instanceof AccuracyGate.Refused) {
            log.warn("knowledge base change by {} ({}) refused, the active version is unchanged: {}", actor, action,
                    e.getMessage());
            return audit(actor, action, null, null, "refused", e.getMessage()).then(Mono.error(e));
        }
        log.error("knowledge base change by {} ({}) failed, the active version is unchanged: {}", actor, action,
                e.toString());
        return audit(actor, action, null, to, "failed", e.getMessage()).then(Mono.error(e));
    }

    private Mono<Void> audit(String actor, String action, Long from, Long to, String outcome, String detail) {
        return db.sql("""
                        insert into kb_audit (at, actor, action, from_version, to_version, outcome, detail)
                        values (:at, :actor, :action, :from, :to, :outcome, :detail)""")
                .bind("at", Instant.now()).bind("actor", actor).bind("action", action)
                .bind("from", Parameters.in(R2dbcType.BIGINT, from))
                .bind("to", Parameters.in(R2dbcType.BIGINT, to))
                .bind("outcome", outcome)
                .bind("detail", Parameters.in(R2dbcType.VARCHAR, detail))
                .then();
    }
}
