package dev.switchboard.analytics.deadletters;

import dev.switchboard.platform.web.Caller;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Dead letters for an admin: list a dead-letter topic's records with the failure that sent each there, and replay a
 * chosen one onto its original topic after the cause was fixed, once (a second replay answers 200 with
 * {@code replayed: false} and sends nothing).
 */
@RestController
class DeadLettersController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/analytics/admin/dead-letters/{topic}")
    Mono<List<DeadLetters.DeadLetter>> list(Caller caller, @PathVariable String topic,
            @RequestParam(defaultValue = "50") int limit) {
        caller.requireAdmin("Reading dead letters");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return Mono.defer(() -> deadLetters.list(topic, limit)).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(DeadLetters.UnknownTopicException.class, DeadLettersController::notFound);
    }

    /** 202 when it was sent now, 200 when it had been replayed before, 404 for no such dead letter. */
    @PostMapping("/api/v1/analytics/admin/dead-letters/{topic}/{partition}/{offset}/replay")
    Mono<ResponseEntity<DeadLetters.Replay>> replay(Caller caller, @PathVariable String topic,
            @PathVariable int partition, @PathVariable long offset) {
        caller.requireAdmin("Replaying dead letters");
        return Mono.defer(() -> deadLetters.replay(topic, partition, offset, caller.userId()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(replay -> ResponseEntity.status(replay.replayed() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                        .body(replay))
                .onErrorMap(DeadLetters.UnknownTopicException.class, DeadLettersController::notFound)
                .onErrorMap(DeadLetters.NoSuchDeadLetterException.class, DeadLettersController::notFound);
    }

    private static ResponseStatusException notFound(RuntimeException e) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
