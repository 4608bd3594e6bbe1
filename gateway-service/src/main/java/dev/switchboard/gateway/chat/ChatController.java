package dev.switchboard.gateway.chat;

import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ChatController {

    private final ChatExchange exchange;

    ChatController(ChatExchange exchange) {
        this.exchange = exchange;
    }

    /** Sends a customer message and answers with the assistant's reply (streamed chunks are only sent over WS). */
    @PostMapping(path = "/api/v1/chat/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AssistantReply> send(@Valid @RequestBody CustomerMessage message, @AuthenticationPrincipal Jwt caller) {
        return exchange.send(message, caller.getSubject(), "rest", chunk -> { }).map(AssistantReply::of);
    }
}
