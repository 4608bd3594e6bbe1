package dev.switchboard.knowledge.versions;

import dev.switchboard.knowledge.base.InvalidKnowledgeBaseException;
import dev.switchboard.knowledge.base.KnowledgeBaseSource;
import dev.switchboard.platform.web.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The knowledge base's admin API (admin role): publish a new version, list and read versions, make an earlier one
 * active again, read the audit. Every change is audited and announced on {@code knowledge.versions}; each replica
 * then swaps to it within seconds ({@code knowledge_version_active} says which one it serves).
 */
@RestController
@RequestMapping("/api/v1/knowledge/admin")
class VersionsController {

    static final int MAX_AUDIT = 500;

    private final KnowledgeVersions versions;
    private final KnowledgeBaseSource source;
    private final MeterRegistry meters;
    private final AccuracyGate gate;

    VersionsController(KnowledgeVersions versions, KnowledgeBaseSource source, MeterRegistry meters,
            AccuracyGate gate) {
        this.gate = gate;
        this.versions = versions;
        this.source = source;
        this.meters = meters;
    }

    /**
     * Publishes a whole knowledge base document as a new version and makes it active: 201 with the version, 200 when
     * it is identical to the active one (nothing changes), 400 naming the path and field when it does not validate,
     * 422 with the figures when the accuracy gate refuses it.
     */
    @PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<KnowledgeVersions.Change>> publish(Caller caller, @RequestBody String document,
            @RequestParam(required = false) String note) {
        caller.requireAdmin("Publishing a knowledge base version");
        // validating a whole document parses a few hundred KB: off the event loop
        return notAnnouncedIs503(Mono.defer(() -> versions.publish(caller.userId(), document, note, "published",
                        gate::check)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(InvalidKnowledgeBaseException.class, e -> refused(HttpStatus.BAD_REQUEST, e))
                .onErrorMap(AccuracyGate.Refused.class, e -> refused(HttpStatus.UNPROCESSABLE_CONTENT, e))
                .map(change -> changed(change)
                        ? ResponseEntity.created(URI.create("/api/v1/knowledge/admin/versions/" + change.versionId()))
                                .body(change)
                        : ResponseEntity.ok(change));
    }

    /**
     * Reads {@code KNOWLEDGE_BASE_LOCATION} again and publishes it as a new version (unchanged when it is the active
     * one): the file workflow of before the versions. A file that does not validate, or that the accuracy gate
     * refuses, is refused with 422.
     */
    @PostMapping("/reload")
    Mono<KnowledgeVersions.Change> reload(Caller caller) {
        caller.requireAdmin("Reloading the knowledge base");
        return notAnnouncedIs503(Mono.fromCallable(source::read)
                .flatMap(document -> versions.publish(caller.userId(), document, "reloaded from " + source.location(),
                        "reloaded", gate::check)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(InvalidKnowledgeBaseException.class, e -> refused(HttpStatus.UNPROCESSABLE_CONTENT, e))
                .onErrorMap(AccuracyGate.Refused.class, e -> refused(HttpStatus.UNPROCESSABLE_CONTENT, e))
                .doOnNext(this::changed);
    }

    @GetMapping("/versions")
    Mono<List<KnowledgeVersions.Version>> versions(Caller caller) {
        caller.requireAdmin("Listing knowledge base versions");
        return versions.versions().collectList();
    }

    @GetMapping("/versions/{id}")
    Mono<KnowledgeVersions.Version> version(Caller caller, @PathVariable long id) {
        caller.requireAdmin("Reading a knowledge base version");
        return versions.version(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** The document of a version, exactly as published (to edit it and publish the result). */
    @GetMapping("/versions/{id}/content")
    Mono<ResponseEntity<String>> content(Caller caller, @PathVariable long id) {
        caller.requireAdmin("Reading a knowledge base version");
        return versions.content(id).map(ContentController::served).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Makes a stored version active; an earlier one than the active is a rollback. */
    @PostMapping("/versions/{id}/activate")
    Mono<KnowledgeVersions.Change> activate(Caller caller, @PathVariable long id) {
        caller.requireAdmin("Activating a knowledge base version");
        return notAnnouncedIs503(versions.activate(caller.userId(), id))
                .onErrorMap(KnowledgeVersions.UnknownVersionException.class, e -> notFound(id))
                .doOnNext(this::changed);
    }

    /** Who changed what, newest first. */
    @GetMapping("/audit")
    Mono<List<KnowledgeVersions.AuditEntry>> audit(Caller caller, @RequestParam(defaultValue = "100") int limit) {
        caller.requireAdmin("Reading the knowledge base audit");
        if (limit < 1 || limit > MAX_AUDIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_AUDIT);
        }
        return versions.audit(limit).collectList();
    }

    /** The broker did not take the announcement: nothing changed, and the admin may try again. */
    private static <T> Mono<T> notAnnouncedIs503(Mono<T> change) {
        return change.onErrorMap(KnowledgeVersions.NotAnnouncedException.class,
                e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private boolean changed(KnowledgeVersions.Change change) {
        count(change.action());
        return !"unchanged".equals(change.action());
    }

    private ResponseStatusException refused(HttpStatus status, RuntimeException e) {
        count("refused");
        return new ResponseStatusException(status, e.getMessage() + " (the active version keeps serving)");
    }

    private void count(String action) {
        Counter.builder("knowledge.version.changes").description("knowledge base changes made here, by action")
                .tag("action", action).register(meters).increment();
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "knowledge base version " + id + " does not exist");
    }
}
