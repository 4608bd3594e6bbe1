package dev.switchboard.platform.kafka.versions;

import dev.switchboard.platform.security.InternalTokens;
import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads a version's content from knowledge-service's internal API, which answers only the services it lists as
 * internal callers, signed as themselves.
 */
final class KnowledgeServiceClient implements VersionSource {

    private static final String KNOWLEDGE_SERVICE = "knowledge-service";

    private final WebClient web;
    private final Duration timeout;

    KnowledgeServiceClient(KnowledgeServiceProperties properties, InternalTokens tokens) {
        this.web = WebClient.builder().baseUrl(properties.url())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxDocumentSize().toBytes()))
                .filter(tokens.asService(KNOWLEDGE_SERVICE)).build();
        this.timeout = properties.timeout();
    }

    @Override
    public byte[] content(long versionId) {
        byte[] content = web.get().uri("/internal/v1/knowledge/versions/{id}", versionId).retrieve()
                .bodyToMono(byte[].class).block(timeout);
        if (content == null) {
            throw new IllegalStateException("knowledge-service answered no content for version " + versionId);
        }
        return content;
    }
}
