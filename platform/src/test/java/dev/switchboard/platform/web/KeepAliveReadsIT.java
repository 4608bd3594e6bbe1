package dev.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The keep-alive stall KeepAliveReads works around, played on a real reactor-netty server over raw sockets: a response
 * written from another thread (as the gateway writes a chat reply from the Kafka listener's thread), then a request
 * answered at once without reading its body (a 415), then more requests on the same connection.
 */
class KeepAliveReadsIT {

    private static final int ROUNDS = 300;
    private static final String LATE = "GET /late HTTP/1.1\r\nHost: test\r\n\r\n";
    private static final String REFUSED_BODY = "POST /at-once HTTP/1.1\r\nHost: test\r\nContent-Type: */*\r\n"
            + "Content-Length: 10\r\n\r\n{\"a\":\"bc\"}";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: test\r\n\r\n";

    private DisposableServer server;

    @BeforeEach
    void start() {
        server = new KeepAliveReads().apply(HttpServer.create().host("127.0.0.1").port(0))
                .handle((request, response) -> response.header("Content-Length", "2")
                        .sendString(request.uri().equals("/late")
                                ? Mono.delay(Duration.ofMillis(1)).thenReturn("ok")
                                : Mono.just("ok")))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void theNextRequestOnAKeptAliveConnectionIsAnsweredAfterARequestAnsweredAtOnce() throws IOException {
        // Given a server with the workaround, and rounds of a late answer, an immediate one and two more requests
        List<Integer> stalledRounds = new ArrayList<>();

        // When each round is played on a kept-alive connection of its own
        for (int round = 0; round < ROUNDS; round++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(2_000);
                boolean answered = exchange(socket, LATE) && exchange(socket, REFUSED_BODY) && exchange(socket, NEXT)
                        && exchange(socket, NEXT);
                if (!answered) {
                    stalledRounds.add(round);
                }
            }
        }

        // Then every request of every round was answered
        assertThat(stalledRounds).isEmpty();
    }

    @Test
    void everyReactiveWebServiceGetsTheWorkaround() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class))
                .run(context -> assertThat(context).getBean(NettyServerCustomizer.class)
                        .isInstanceOf(KeepAliveReads.class));
    }

    /** Sends one request and reads its whole answer ("ok" after the headers); false when none comes in 2 s. */
    private static boolean exchange(Socket socket, String request) throws IOException {
        return RawHttp.exchange(socket, request, answer -> answer.endsWith("\r\n\r\nok"));
    }
}
