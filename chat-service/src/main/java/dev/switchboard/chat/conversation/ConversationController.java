package dev.switchboard.chat.conversation;

import dev.switchboard.platform.web.Caller;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The conversation API, reached through the gateway. A customer sees only their own conversations; another user's
 * answers 404, exactly like one that does not exist, so ids cannot be probed. Admins see all.
 */
@RestController
class ConversationController {

    private static final Set<String> STATUSES = Set.of("open", "escalated", "closed");
    private static final int MAX_PAGE_SIZE = 100;

    private final ConversationQueries queries;
    private final DatabaseClient db;
    private final StatusEvents statusEvents;

    ConversationController(ConversationQueries queries, DatabaseClient db, StatusEvents statusEvents) {
        this.queries = queries;
        this.db = db;
        this.statusEvents = statusEvents;
    }

    @GetMapping("/api/v1/chat/conversations")
    Mono<ConversationQueries.Page> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String status,
            Caller caller) {
        if (page < 0) {
            throw badRequest("page: must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw badRequest("size: must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw badRequest("status: must be one of open, escalated, closed");
        }
        return queries.list(ownerFilter(caller), status, page, size);
    }

    @GetMapping("/api/v1/chat/conversations/{id}")
    Mono<ConversationQueries.ConversationView> get(@PathVariable String id,
            Caller caller) {
        return visible(id, caller).flatMap(queries::withMessages);
    }

    @GetMapping("/api/v1/chat/conversations/{id}/messages")
    Mono<List<ConversationQueries.MessageView>> messages(@PathVariable String id,
            @RequestParam(required = false) String after,
            Caller caller) {
        return visible(id, caller)
                .flatMap(conversation -> after == null ? Mono.just(true) : queries.messageExists(id, after))
                .flatMap(known -> known ? queries.messagesAfter(id, after)
                        : Mono.error(badRequest("after: no message " + after + " in this conversation")));
    }

    @PostMapping("/api/v1/chat/conversations/{id}/close")
    Mono<ConversationQueries.ConversationView> close(@PathVariable String id,
            Caller caller) {
        return visible(id, caller).flatMap(conversation -> "closed".equals(conversation.status())
                ? Mono.just(conversation)
                : db.sql("update conversations set status = 'closed', updated_at = now() where id = :id")
                        .bind("id", id).then()
                        .then(Mono.fromFuture(() -> statusEvents.publish(id, conversation.userId(), null,
                                conversation.status(), "closed", "Closed by " + caller.userId(), null)))
                        .then(queries.find(id, null)));
    }

    private Mono<ConversationQueries.ConversationView> visible(String id, Caller caller) {
        return queries.find(id, ownerFilter(caller))
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No conversation " + id)));
    }

    /** Admins see every conversation; everyone else only their own. */
    private static String ownerFilter(Caller caller) {
        return caller.roles().contains("admin") ? null : caller.userId();
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
