package dev.switchboard.gateway.chat;

import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Chat errors as problem+json whose detail names the field at fault. */
@RestControllerAdvice(assignableTypes = ChatController.class)
// after the platform's ValidationProblems, which answers field errors
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ChatErrors {

    /** When a message refused for a failure (not for the load) may be sent again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalid(InvalidFieldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setTitle(e instanceof ForeignConversationException ? "Not your conversation" : "Invalid chat message");
        problem.setProperty("fields", java.util.List.of(e.field()));
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body must be a JSON object like {\"content\":\"my internet is down\"}: "
                        + (e.getMostSpecificCause() != null ? e.getMostSpecificCause().getMessage() : e.getReason()));
        problem.setTitle("Unreadable chat message");
        return problem;
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail duplicate(IllegalStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Message already in flight");
        return problem;
    }

    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle(e instanceof PipelineBusyException ? "Chat busy" : "Chat temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())).body(problem);
    }
}
