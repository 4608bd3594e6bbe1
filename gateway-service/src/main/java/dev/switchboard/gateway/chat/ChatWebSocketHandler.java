package dev.switchboard.gateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.events.ReplyChunk;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WS /api/v1/chat/ws}: the client sends the same JSON as the REST API; the server answers each message with
 * {@code {"type":"reply",...}}, preceded by {@code {"type":"chunk",...}} frames while an LLM streams, or with
 * {@code {"type":"error",...}}. The handshake is authenticated like any API call (bearer header or
 * {@code ?access_token=}).
 */
@Component
class ChatWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final ChatExchange exchange;
    private final JsonMapper json;
    private final Validator validator;
    private final WebSocketLimits limits;
    private final Map<String, AtomicInteger> openByUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter framesIn;
    private final Counter framesOut;

    ChatWebSocketHandler(ChatExchange exchange, JsonMapper json, Validator validator, WebSocketLimits limits,
            MeterRegistry meters) {
        this.exchange = exchange;
        this.json = json;
        this.validator = validator;
        this.limits = limits;
        meters.gauge("gateway.websocket.sessions", open);
        this.framesIn = Counter.builder("gateway.websocket.messages").tag("direction", "in").register(meters);
        this.framesOut = Counter.builder("gateway.websocket.messages").tag("direction", "out").register(meters);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return session.getHandshakeInfo().getPrincipal().map(Principal::getName)
                .flatMap(userId -> {
                    AtomicInteger mine = openByUser.computeIfAbsent(userId, u -> new AtomicInteger());
                    if (mine.incrementAndGet() > limits.connectionsPerUser()) {
                        release(userId, mine);
                        return session.close(CloseStatus.POLICY_VIOLATION.withReason(
                                "at most " + limits.connectionsPerUser() + " chat connections per user"));
                    }
                    open.incrementAndGet();
                    return converse(session, userId).doFinally(signal -> {
                        open.decrementAndGet();
                        release(userId, mine);
                    });
                });
    }

    private void release(String userId, AtomicInteger mine) {
        if (mine.decrementAndGet() <= 0) {
            openByUser.remove(userId, mine);
        }
    }

    private Mono<Void> converse(WebSocketSession session, String userId) {
        Sinks.Many<Frame> frames = Sinks.many().unicast().onBackpressureBuffer();
        Disposable.Composite lateReplies = Disposables.composite();
        Bucket perSecond = Bucket.builder().addLimit(Bandwidth.builder().capacity(limits.messagesPerSecond())
                .refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)).build()).build();
        Mono<Void> inbound = session.receive()
                // a message over the limit (one frame, or fragments that add up) says why in the close status;
                // reactor-netty itself would close with no status at all (1005)
                .onErrorResume(ChatWebSocketHandler::tooBig, e -> session.close(CloseStatus.TOO_BIG_TO_PROCESS
                        .withReason("a message may be at most " + limits.maxFrameBytes() + " bytes")).then(Mono.empty()))
                .map(WebSocketMessage::getPayloadAsText)
                .doOnNext(text -> framesIn.increment())
                .flatMap(text -> perSecond.tryConsume(1) ? answer(text, userId, frames, lateReplies)
                        : Mono.fromRunnable(() -> emit(frames, ErrorFrame.tooMany(idOf(text), "Too many messages: at "
                                + "most " + limits.messagesPerSecond() + " per second on one connection"))))
                .doFinally(signal -> {
                    lateReplies.dispose();
                    complete(frames);
                })
                .then();
        Mono<Void> outbound = session.send(frames.asFlux()
                .doOnNext(frame -> framesOut.increment())
                .map(frame -> session.textMessage(json.writeValueAsString(frame))));
        return Mono.when(inbound, outbound);
    }

    /** Too large as one frame (the decoder's limit) or as fragments (the aggregator's). */
    private static boolean tooBig(Throwable e) {
        return e instanceof TooLongFrameException || e instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
    }

    private Mono<Void> answer(String text, String userId, Sinks.Many<Frame> frames, Disposable.Composite lateReplies) {
        CustomerMessage message = read(text, frames);
        if (message == null) {
            return Mono.empty();
        }
        Set<ConstraintViolation<CustomerMessage>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            emit(frames, new ErrorFrame(message.id(), 400, violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; "))));
            return Mono.empty();
        }
        return Mono.defer(() -> exchange.send(message, userId, "websocket", chunk -> emit(frames, new ChunkFrame(chunk))))
                .doOnNext(answer -> {
                    emit(frames, new ReplyFrame(AssistantReply.of(answer)));
                    if (answer.placeholder()) {
                        // the real reply replaces the placeholder on the page if it comes while the connection is open
                        lateReplies.add(exchange.lateReply(userId, answer.reply().getMessageId())
                                .subscribe(late -> emit(frames, new ReplyFrame(AssistantReply.of(late)))));
                    }
                })
                .onErrorResume(e -> {
                    log.warn("WebSocket message {} failed: {}", message.id(), e.getMessage());
                    emit(frames, e instanceof InvalidFieldException invalid
                            ? new ErrorFrame(message.id(), invalid.status(), e.getMessage())
                            : e instanceof IllegalStateException ? new ErrorFrame(message.id(), 409, e.getMessage())
                            : ErrorFrame.retryLater(message.id(), e.getMessage(), e instanceof RetryLaterException
                                    later ? later.retryAfter() : ChatErrors.RETRY_AFTER));
                    return Mono.empty();
                })
                .then();
    }

    /**
     * The id of a frame's message, so that a client told to slow down knows which to send again (a client that
     * reconnects sends every unanswered message at once); null when the frame names none.
     */
    private String idOf(String text) {
        try {
            CustomerMessage message = json.readValue(text, CustomerMessage.class);
            return message != null ? message.id() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The frame's message, or null when it holds none (then the client is told so). */
    private CustomerMessage read(String text, Sinks.Many<Frame> frames) {
        // a frame "null" reads as no message: unanswered, it failed the session's inbound stream, which then answered
        // nothing more
        String unreadable = "null is not a message";
        try {
            CustomerMessage message = json.readValue(text, CustomerMessage.class);
            if (message != null) {
                return message;
            }
        } catch (JacksonException e) {
            unreadable = e.getOriginalMessage();
        }
        emit(frames, new ErrorFrame(null, 400, "The frame must be a JSON object like {\"content\":\"my internet is down\"}: "
                + unreadable));
        return null;
    }

    /**
     * Replies (Kafka listener thread) and errors (WebSocket thread) reach one session concurrently: emissions are
     * serialized with a lock, so none is ever dropped for contention. A closed session simply refuses.
     */
    private static void emit(Sinks.Many<Frame> frames, Frame frame) {
        synchronized (frames) {
            Sinks.EmitResult result = frames.tryEmitNext(frame);
            if (result.isFailure()) {
                log.debug("Frame not sent ({}): the session has closed", result);
            }
        }
    }

    private static void complete(Sinks.Many<Frame> frames) {
        synchronized (frames) {
            frames.tryEmitComplete();
        }
    }

    /** What the server sends; {@code type} tells the client which. */
    sealed interface Frame permits ReplyFrame, ChunkFrame, ErrorFrame {
    }

    /** The reply's fields (as the REST API answers them) next to {@code "type": "reply"}. */
    @JsonPropertyOrder("type")
    record ReplyFrame(String type, @JsonUnwrapped AssistantReply reply) implements Frame {

        ReplyFrame(AssistantReply reply) {
            this("reply", reply);
        }
    }

    record ChunkFrame(String type, String messageId, String delta, int sequence, boolean last) implements Frame {

        ChunkFrame(ReplyChunk chunk) {
            this("chunk", chunk.getMessageId(), chunk.getDelta(), chunk.getSequence(), chunk.getLast());
        }
    }

    /**
     * {@code retryAfter}: seconds to wait before sending the message again, only with status 503 (as REST's header)
     * and 429 (over the connection's rate).
     */
    record ErrorFrame(String type, String messageId, int status, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) implements Frame {

        ErrorFrame(String messageId, int status, String detail) {
            this("error", messageId, status, detail, null);
        }

        static ErrorFrame retryLater(String messageId, String detail, Duration retryAfter) {
            return new ErrorFrame("error", messageId, 503, detail, retryAfter.toSeconds());
        }

        /** Over the connection's rate: the bucket refills within the second. */
        static ErrorFrame tooMany(String messageId, String detail) {
            return new ErrorFrame("error", messageId, 429, detail, 1L);
        }
    }
}
