package dev.switchboard.knowledge.versions;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The content of knowledge base versions for the services that use the knowledge base (their own internal tokens,
 * {@code switchboard.internal-auth.internal-callers}): the document exactly as published, with its version id and
 * checksum (SHA-256 of the body, hex) in headers, so a consumer checks what it got against the announcement.
 */
@RestController
@RequestMapping("/internal/v1/knowledge/versions")
class ContentController {

    static final String VERSION_HEADER = "X-Knowledge-Base-Version";
    static final String CHECKSUM_HEADER = "X-Knowledge-Base-Checksum";

    private final KnowledgeVersions versions;

    ContentController(KnowledgeVersions versions) {
        this.versions = versions;
    }

    /** The active version, for a consumer that starts and has not seen an announcement yet. */
    @GetMapping("/active")
    Mono<ResponseEntity<String>> active() {
        return versions.activeContent().map(ContentController::served);
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<String>> version(@PathVariable long id) {
        return versions.content(id).map(ContentController::served).switchIfEmpty(Mono.error(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "knowledge base version " + id
                        + " does not exist")));
    }

    static ResponseEntity<String> served(KnowledgeVersions.Content content) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(VERSION_HEADER, String.valueOf(content.id()))
                .header(CHECKSUM_HEADER, content.checksum())
                .eTag("\"" + content.checksum() + "\"")
                .body(content.content());
    }
}
