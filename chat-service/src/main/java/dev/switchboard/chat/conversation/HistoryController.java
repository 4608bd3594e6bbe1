package dev.switchboard.chat.conversation;

import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The last turns of a conversation for the LLM service; internal, never routed by the gateway. Each turn carries its
 * message id, so the caller can leave out the message it is answering. The caller names the customer it answers
 * (the event's userId): another customer's conversation has no turns for it, as one that does not exist, so a message
 * sent into someone else's conversation id never brings that conversation into its prompt (issue 15, finding 6).
 */
@RestController
class HistoryController {

    private static final int MAX_TURNS = 50;

    private final ConversationQueries queries;

    HistoryController(ConversationQueries queries) {
        this.queries = queries;
    }

    record Turn(String id, String role, String content, Instant timestamp) {
    }

    @GetMapping("/internal/v1/conversations/{id}/history")
    Mono<List<Turn>> history(@PathVariable String id, @RequestParam String userId,
            @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > MAX_TURNS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: must be between 1 and " + MAX_TURNS);
        }
        return queries.history(id, userId, limit).map(messages -> messages.stream()
                .map(m -> new Turn(m.id(), m.role(), m.content(), m.timestamp())).toList());
    }
}
