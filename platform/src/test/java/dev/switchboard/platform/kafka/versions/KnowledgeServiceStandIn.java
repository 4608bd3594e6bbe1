package dev.switchboard.platform.kafka.versions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.platform.test.BuildCache;
import dev.switchboard.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.TopicBuilder;

/**
 * knowledge-service as a service that uses its versions sees it, for that service's tests (services do not import
 * each other): its
 * internal versions endpoint, serving what a test puts there, on a random local port; one per JVM. {@link Setup}
 * (in the service's test annotation) points the service at it, creates {@code knowledge.versions} (knowledge-service
 * owns it) and keeps the bundled knowledge base on disk as version 1, so the service starts on it as a replica whose
 * knowledge-service is down would.
 */
public final class KnowledgeServiceStandIn {

    /** The bundled knowledge base: version 1 of the tests. */
    public static final String BUNDLED = bundled();
    public static final long BUNDLED_VERSION = 1;
    private static final String PATH = "/internal/v1/knowledge/versions/";
    /** The bundled knowledge base, a test resource of the service under test (knowledge-service's own file). */
    private static final String BUNDLED_RESOURCE = "knowledge-base.json";
    private static final KnowledgeServiceStandIn INSTANCE = new KnowledgeServiceStandIn();

    private final HttpServer server;
    private final Map<Long, byte[]> versions = new ConcurrentHashMap<>();
    /** The JWT payload (JSON) of every request's bearer token. */
    private final List<String> callers = new CopyOnWriteArrayList<>();

    private KnowledgeServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::serve);
        server.start();
        versions.put(BUNDLED_VERSION, BUNDLED.getBytes(StandardCharsets.UTF_8));
    }

    public static KnowledgeServiceStandIn instance() {
        return INSTANCE;
    }

    /** Serves {@code content} as version {@code id} from now on. */
    public void serve(long id, String content) {
        versions.put(id, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The claims (JSON) of the tokens callers presented, oldest first. */
    public List<String> callers() {
        return List.copyOf(callers);
    }

    /** The checksum knowledge-service announces for {@code content}. */
    public static String checksum(String content) {
        return Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
            callers.add(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
            byte[] content = versions.get(Long.parseLong(exchange.getRequestURI().getPath().substring(PATH.length())));
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(content);
            }
        }
    }

    private static String bundled() {
        try (InputStream in = KnowledgeServiceStandIn.class.getClassLoader()
                .getResourceAsStream(BUNDLED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the service under test at the stand-in, with version 1 kept on disk (its own directory) and quick retries;
     * embeddings and trained heads in the build's cache.
     */
    public static class Setup implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path kept;
            try {
                // under target/: the build cleans it
                kept = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "knowledge-kept");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LastGoodVersion.in(kept.toString(), context.getEnvironment().getProperty("spring.application.name"))
                    .keep(new LastGoodVersion.Kept(BUNDLED_VERSION, "bundled", checksum(BUNDLED),
                            BUNDLED.getBytes(StandardCharsets.UTF_8)));
            TestPropertyValues.of(
                    "switchboard.knowledge-service.url=http://127.0.0.1:" + INSTANCE.server.getAddress().getPort(),
                    "switchboard.knowledge-base.kept-dir=" + kept,
                    "switchboard.embedding.cache-dir=" + BuildCache.directory(),
                    "switchboard.knowledge-service.retry-first=100ms",
                    "switchboard.knowledge-service.retry-max=500ms").applyTo(context);
            NewTopic versionsTopic = TopicBuilder.name(Topics.KNOWLEDGE_VERSIONS.name())
                    .partitions(Topics.KNOWLEDGE_VERSIONS.partitions()).replicas(1).compact().build();
            context.getBeanFactory().registerSingleton("knowledgeVersionsTopic", versionsTopic);
        }
    }
}
