package dev.switchboard.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.health.ServiceUrls;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import dev.switchboard.platform.security.PemKeys;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class ServiceApiDocsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final AtomicInteger documentRequests = new AtomicInteger();
    private final DisposableServer chatService = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.get("/v3/api-docs", (request, response) -> {
                documentRequests.incrementAndGet();
                return response.header("Content-Type", "application/json").sendString(Mono.just(
                        "{\"openapi\":\"3.0.1\",\"paths\":{\"/api/v1/chat/conversations\":{}}}"));
            }))
            .bindNow();

    @AfterEach
    void stop() {
        chatService.disposeNow();
    }

    @Test
    void theServicesDocumentsAreReadOnceWhenTheGatewaysDocumentIsAskedFor() throws Exception {
        // Given the gateway's reader of the services' documents, one service running
        ServiceApiDocs docs = new ServiceApiDocs(
                new ServiceUrls(Map.of("chat-service", "http://127.0.0.1:" + chatService.port())), tokens());

        // When the gateway's document is asked for twice
        docs.readAtLeastOnce().block(WAIT);
        docs.readAtLeastOnce().block(WAIT);

        // Then the first request waited for the service's document, the second was answered from it
        assertThat(documentRequests).hasValue(1);
        assertThat(docs.documents().get("chat-service").getPaths()).containsKey("/api/v1/chat/conversations");
        // and a service without an address is named as missing, with why
        assertThat(docs.missing()).containsEntry("knowledge-service", "no URL configured");
    }

    private static InternalTokens tokens() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return InternalTokens.of("gateway-service", new InternalAuthProperties(
                PemKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()), Map.of(), List.of(),
                Duration.ofMinutes(2), 100));
    }
}
