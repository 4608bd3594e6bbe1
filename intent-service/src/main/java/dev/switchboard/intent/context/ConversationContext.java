package dev.switchboard.intent.context;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.guardrail.Guardrail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The last routed turn of each recent conversation, bounded (least recently used evicted) and expiring. Messages of
 * a conversation are keyed by conversationId, so one partition and one instance see all of them; a rebalance loses
 * at most the context of a follow-up, which then is classified on its own.
 */
@Component
@EnableConfigurationProperties(ConversationContext.Settings.class)
public class ConversationContext {

    /**
     * The previous turn: where it went, whether the customer was frustrated, the intents a clarifying question
     * offered (empty unless the turn was answered with one, so the next turn is read as the pick), and what the
     * guardrail keeps of the conversation so far (a set-up over several turns).
     */
    public record Turn(String intent, Agent agent, double frustration, long atMillis, List<String> offered,
            Guardrail.Earlier guarded) {

        public boolean askedToClarify() {
            return !offered.isEmpty();
        }
    }

    /**
     * @param maxConversations bound of the memory
     * @param ttlSeconds a turn older than this is no context any more
     */
    @ConfigurationProperties("switchboard.context")
    record Settings(@DefaultValue("50000") int maxConversations, @DefaultValue("1800") long ttlSeconds) {
    }

    private final Settings settings;
    private final Map<String, Turn> turns;

    ConversationContext(Settings settings) {
        this.settings = settings;
        this.turns = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
                return size() > settings.maxConversations();
            }
        };
    }

    public synchronized Optional<Turn> previous(String conversationId, long nowMillis) {
        Turn turn = turns.get(conversationId);
        if (turn == null || nowMillis - turn.atMillis() > settings.ttlSeconds() * 1000) {
            return Optional.empty();
        }
        return Optional.of(turn);
    }

    public synchronized void remember(String conversationId, Turn turn) {
        turns.put(conversationId, turn);
    }
}
