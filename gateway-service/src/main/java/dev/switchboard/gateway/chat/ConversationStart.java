package dev.switchboard.gateway.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /api/v1/chat/conversations}: a new conversation id for the caller, for a client that wants to know its
 * conversation before the first reply (to read it back after a dropped connection). Nothing is stored: the id is
 * {@link ConversationIds}'s. A router function rather than a controller method, because a controller mapping this
 * path for POST would answer every other method on it 405 instead of letting the route to chat-service have them.
 */
@Configuration(proxyBeanMethods = false)
class ConversationStart {

    static final String PATH = "/api/v1/chat/conversations";

    /** A conversation the caller may send messages into. */
    record NewConversation(String conversationId) {
    }

    @Bean
    @RouterOperation(path = PATH, method = RequestMethod.POST, produces = MediaType.APPLICATION_JSON_VALUE,
            operation = @Operation(operationId = "startConversation", summary = "A new conversation id of yours",
                    description = "Send it as the conversationId of your messages. Optional: a message without one "
                            + "starts a conversation, whose id comes with the reply.",
                    responses = @ApiResponse(responseCode = "201", content = @Content(
                            schema = @Schema(implementation = NewConversation.class)))))
    RouterFunction<ServerResponse> startConversation(ConversationIds ids) {
        return RouterFunctions.route(RequestPredicates.POST(PATH), request -> request.principal()
                .flatMap(caller -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new NewConversation(ids.mint(caller.getName())))));
    }
}
