package dev.switchboard.llm.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the conversation's earlier turns come from (chat-service's internal history endpoint).
 *
 * @param turns how many earlier turns the prompt carries
 * @param timeout the longest wait for them; past it the answer goes ahead without history
 */
@ConfigurationProperties("switchboard.llm.history")
record HistoryProperties(@DefaultValue("http://localhost:8081") String url, @DefaultValue("6") int turns,
        @DefaultValue("200ms") Duration timeout) {
}
