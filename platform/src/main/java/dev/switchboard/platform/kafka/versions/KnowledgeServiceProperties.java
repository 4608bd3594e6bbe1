package dev.switchboard.platform.kafka.versions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the knowledge base versions' content comes from (knowledge-service's internal API) and how a version that
 * cannot be loaded is tried again.
 *
 * @param url knowledge-service's base URL
 * @param timeout the longest wait for one version's content
 * @param maxDocumentSize the largest document read (knowledge-service accepts up to KB_MAX_DOCUMENT_SIZE)
 * @param retryFirst the wait before the first retry; each next one waits twice as long
 * @param retryMax the longest wait between retries
 */
@ConfigurationProperties("switchboard.knowledge-service")
record KnowledgeServiceProperties(@DefaultValue("http://localhost:8083") String url,
        @DefaultValue("10s") Duration timeout, @DefaultValue("4MB") DataSize maxDocumentSize,
        @DefaultValue("1s") Duration retryFirst, @DefaultValue("1m") Duration retryMax) {
}
