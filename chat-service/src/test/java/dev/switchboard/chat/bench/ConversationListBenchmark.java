package dev.switchboard.chat.bench;

import dev.switchboard.chat.ChatServiceApplication;
import dev.switchboard.platform.env.PlatformEnvironmentPostProcessor;
import dev.switchboard.platform.test.EmbeddedPostgresSupport;
import dev.switchboard.platform.test.TestIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark of the conversation list: one user with 2,000 conversations of 10 messages each, then the first
 * page requested over HTTP at the service, sequentially after a warm-up. Prints latency percentiles.
 *
 * <p>Run: {@code ./mvnw -q -pl chat-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.switchboard.chat.bench.ConversationListBenchmark}
 */
public final class ConversationListBenchmark {

    static final TestIdentity TOKENS = TestIdentity.of("chat-service");

    static final int CONVERSATIONS = 2_000;
    static final int MESSAGES = 10;
    static final int WARM_UP = 200;
    static final int MEASURED = 1_000;

    private ConversationListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String databaseUrl = EmbeddedPostgresSupport.databaseUrl("chat_bench");
        String jdbcUrl = (String) PlatformEnvironmentPostProcessor.databaseProperties(databaseUrl)
                .get("spring.flyway.url");
        SpringApplication app = new SpringApplication(ChatServiceApplication.class);
        app.setDefaultProperties(Map.of("server.port", "0", "spring.kafka.listener.auto-startup", "false",
                "spring.kafka.admin.fail-fast", "false", "spring.kafka.bootstrap-servers", "127.0.0.1:1",
                "DATABASE_URL", databaseUrl, "logging.level.root", "WARN",
                "INTERNAL_AUTH_GATEWAY_PUBLIC_KEY", TestIdentity.gatewayPublicKey()));
        try (ConfigurableApplicationContext context = app.run()) {
            seed(jdbcUrl);
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest firstPage = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/chat/conversations?page=0&size=20"))
                    .header("Authorization", "Bearer " + TOKENS.token("bench-user")).build();
            for (int i = 0; i < WARM_UP; i++) {
                check(http.send(firstPage, HttpResponse.BodyHandlers.ofString()));
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                check(http.send(firstPage, HttpResponse.BodyHandlers.ofString()));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("first page of %d conversations x %d messages, %d requests: p50 %.2f ms, "
                    + "p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", CONVERSATIONS, MESSAGES, MEASURED,
                    ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[MEASURED - 1] / 1e6);
        }
        System.exit(0);
    }

    private static void seed(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            db.setAutoCommit(false);
            db.createStatement().execute("truncate conversations cascade");
            Instant base = Instant.parse("2026-01-01T00:00:00Z");
            try (PreparedStatement conversation = db.prepareStatement("""
                    insert into conversations (id, user_id, status, agent, message_count, created_at, updated_at)
                    values (?, 'bench-user', 'open', 'tech_support', ?, ?, ?)""");
                    PreparedStatement message = db.prepareStatement("""
                            insert into messages (id, conversation_id, role, content, created_at)
                            values (?, ?, ?, 'a message of the benchmark conversation', ?)""")) {
                for (int c = 0; c < CONVERSATIONS; c++) {
                    Timestamp at = Timestamp.from(base.plusSeconds(c * 60L));
                    conversation.setString(1, "conv-" + c);
                    conversation.setInt(2, MESSAGES);
                    conversation.setTimestamp(3, at);
                    conversation.setTimestamp(4, at);
                    conversation.addBatch();
                    for (int m = 0; m < MESSAGES; m++) {
                        message.setString(1, "msg-" + c + "-" + m);
                        message.setString(2, "conv-" + c);
                        message.setString(3, m % 2 == 0 ? "user" : "assistant");
                        message.setTimestamp(4, Timestamp.from(at.toInstant().plusSeconds(m)));
                        message.addBatch();
                    }
                }
                conversation.executeBatch();
                message.executeBatch();
            }
            db.commit();
            db.createStatement().execute("analyze");
        }
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().contains("\"totalElements\":" + CONVERSATIONS)) {
            throw new IllegalStateException("Unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }
}
