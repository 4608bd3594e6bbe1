package dev.switchboard.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How frames from the gateway are matched to the messages sent, on a socket that records what is sent. */
class ChatSocketTest {

    private final RecordingSocket socket = new RecordingSocket();
    private final ChatSocket chat = new ChatSocket();

    @BeforeEach
    void open() {
        chat.onOpen(socket);
    }

    @Test
    void aReplyAnswersTheMessageItNamesEvenWhenItArrivesInPartsAfterChunks() {
        // Given two messages sent
        CompletableFuture<Answer> first = chat.send("m-1", "{\"id\":\"m-1\"}");
        CompletableFuture<Answer> second = chat.send("m-2", "{\"id\":\"m-2\"}");
        assertThat(socket.sent).containsExactly("{\"id\":\"m-1\"}", "{\"id\":\"m-2\"}");

        // When a chunk of the second's reply comes, then its reply split over two frames
        chat.onText(socket, "{\"type\":\"chunk\",\"messageId\":\"m-2\",\"delta\":\"Hel\",\"sequence\":0}", true);
        assertThat(second).isNotDone();
        chat.onText(socket, "{\"type\":\"reply\",\"messageId\":\"m-2\",\"source\":\"knowledge_base\",", false);
        chat.onText(socket, "\"conversationId\":\"c-9\",\"content\":\"Hello\"}", true);

        // Then the second message has its reply and the first is still waiting
        assertThat(second.join()).satisfies(answer -> {
            assertThat(answer.outcome()).isEqualTo(Answer.Outcome.REPLY);
            assertThat(answer.source()).isEqualTo("knowledge_base");
            assertThat(answer.conversationId()).isEqualTo("c-9");
            assertThat(answer.gatewayTimeout()).isFalse();
        });
        assertThat(first).isNotDone();
        // And each frame was followed by a request for the next
        assertThat(socket.requested).isEqualTo(4);
    }

    @Test
    void errorFramesAnswerTheirMessageOrAreCountedWhenTheyNameNone() {
        CompletableFuture<Answer> message = chat.send("m-1", "{}");

        chat.onText(socket, "{\"type\":\"error\",\"messageId\":\"m-1\",\"status\":503,\"detail\":\"down\"}", true);
        chat.onText(socket, "{\"type\":\"error\",\"messageId\":null,\"status\":429,\"detail\":\"slow down\"}", true);

        assertThat(message.join().outcome()).isEqualTo(Answer.Outcome.WS_ERROR);
        assertThat(message.join().status()).isEqualTo(503);
        assertThat(chat.errorsWithoutId()).isEqualTo(1);
    }

    @Test
    void whenTheGatewayClosesTheSocketEveryWaitingMessageFails() {
        CompletableFuture<Answer> message = chat.send("m-1", "{}");

        chat.onClose(socket, 1011, "server error");

        assertThat(message.join().outcome()).isEqualTo(Answer.Outcome.FAILURE);
        assertThat(chat.closedByServer()).isCompletedWithValue(1011);
    }

    @Test
    void aMessageCountedAsUnansweredIsNoLongerWaitedFor() {
        CompletableFuture<Answer> message = chat.send("m-1", "{}");

        chat.forget("m-1");
        chat.onText(socket, "{\"type\":\"reply\",\"messageId\":\"m-1\",\"source\":\"llm\"}", true);

        assertThat(message).isNotDone();
    }

    /** Records text frames and requests; every send completes at once. */
    private static final class RecordingSocket implements WebSocket {

        final List<String> sent = new CopyOnWriteArrayList<>();
        long requested;

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            sent.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
        }
    }
}
