package dev.switchboard.feedback.rating;

import dev.switchboard.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** Rates a whole conversation. */
    record ConversationFeedback(@NotBlank @Size(max = 64) String conversationId, @NotNull @Min(1) @Max(5) Integer rating,
            Boolean resolved, @Size(max = 2000) String comment) {
    }

    /** Thumbs up or down on one reply (its id is the reply's {@code id} in the chat API). */
    record ReplyRating(@NotBlank @Size(max = 64) String messageId, @NotNull Boolean helpful,
            @Size(max = 500) String reason) {
    }

    record Accepted(String status, String conversationId, String messageId) {
    }

    @PostMapping("/api/v1/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Accepted> rateConversation(@Valid @RequestBody ConversationFeedback body,
            Caller caller) {
        return feedback.rateConversation(caller, body)
                .map(updated -> new Accepted(updated ? "updated" : "recorded", body.conversationId(), null));
    }

    @PostMapping("/api/v1/feedback/rating")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Accepted> rateReply(@Valid @RequestBody ReplyRating body,
            Caller caller) {
        return feedback.rateReply(caller, body)
                .map(conversationId -> new Accepted("recorded", conversationId, body.messageId()));
    }
}
