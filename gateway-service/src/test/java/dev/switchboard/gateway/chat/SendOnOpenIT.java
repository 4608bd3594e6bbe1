package dev.switchboard.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.gateway.edge.RedisServer;
import dev.switchboard.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers whose client sends the moment its socket opens, as the chat page and a reconnecting client do with every
 * unanswered message. With the rate limiter's buckets in Redis the handshake's filters end on the Redis client's
 * thread, not the connection's event loop: the case in which such frames were dropped unseen (one round in five to ten
 * of these lost a socket's messages before the upgrade moved back onto the event loop). The pipeline is
 * {@link ChatGatewayIT}'s stand-in.
 */
@GatewayServiceTest
@TestPropertySource(properties = "switchboard.gateway.rate-limit.requests=100000")
@EnabledIf(value = "dev.switchboard.gateway.edge.RedisServer#installed",
        disabledReason = "no redis-server installed (apt-get install redis-server)")
@SuppressWarnings("unchecked")
class SendOnOpenIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CUSTOMERS = 50;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @RepeatedTest(40)
    void everyMessageSentTheMomentASocketOpensIsAnswered() {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("echo"), Topics.CHAT_INBOUND.partitions());
        // Given customers who each send two messages from the socket's open callback
        Set<String> unnamed = ConcurrentHashMap.newKeySet();
        List<String> tokens = IntStream.range(0, CUSTOMERS).mapToObj(i -> ChatGatewayIT.guestToken(web)).toList();

        // When they all connect at once
        List<WebSocket> sockets = tokens.stream().map(token -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token),
                        new SendingOnOpen(unnamed))).toList().stream().map(opening -> opening.join()).toList();

        // Then every message gets a frame naming it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(unnamed)
                .as("messages no frame named").isEmpty());
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join());
    }

    /** The rate limiter's buckets in a real Redis, as in the stack. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RateLimiterInRedis {

        @Bean(destroyMethod = "close")
        RedisServer redis() throws IOException {
            return RedisServer.start(RedisServer.binary().orElseThrow());
        }

        @Bean
        DynamicPropertyRegistrar rateLimiterRedisUrl(RedisServer redis) {
            return registry -> registry.add("switchboard.gateway.rate-limit.redis-url", redis::url);
        }
    }

    private static final class SendingOnOpen implements WebSocket.Listener {

        private final Set<String> unnamed;
        private final StringBuilder partial = new StringBuilder();

        SendingOnOpen(Set<String> unnamed) {
            this.unnamed = unnamed;
        }

        @Override
        public void onOpen(WebSocket socket) {
            for (int i = 0; i < 2; i++) {
                String id = UUID.randomUUID().toString();
                unnamed.add(id);
                socket.sendText(JSON.writeValueAsString(Map.of("id", id, "content", "hello " + i)), true).join();
            }
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> frame = JSON.readValue(partial.toString(), Map.class);
                partial.setLength(0);
                // a reply, or a refusal naming the message (503 while the gateway sheds load): either way it was seen
                unnamed.remove(frame.get("messageId"));
            }
            socket.request(1);
            return null;
        }
    }
}
