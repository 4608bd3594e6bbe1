package dev.switchboard.intent.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Which intents enter a guided flow (account-service runs it), and which conversations are in one now. A conversation
 * enters when a turn is routed to its flow; it stays in it while the flow's replies say so ({@code ChatReplied.flow}
 * set); the flow's last reply, any other reply, or the customer asking for a person ends it. The replies come back on
 * chat.replies ({@link FlowReplies}), which is also how an instance that restarted learns which conversations are in a
 * flow: it reads the replies of the last {@code ttlSeconds} again.
 */
@Component
@EnableConfigurationProperties(GuidedFlows.Settings.class)
public class GuidedFlows {

    /**
     * @param entries intent → the flow its turns enter
     * @param ttlSeconds a flow without a turn for longer is over
     * @param maxConversations bound of the memory
     */
    @ConfigurationProperties("switchboard.flows")
    public record Settings(Map<String, String> entries, @DefaultValue("1800") long ttlSeconds,
            @DefaultValue("50000") int maxConversations) {

        public Settings {
            entries = entries == null ? Map.of() : Map.copyOf(entries);
        }
    }

    /** A conversation's flow, the intent that entered it, and when (the gateway's receivedAt) it last moved. */
    public record Active(String flow, String intent, long sinceMillis) {
    }

    private final Settings settings;
    private final Map<String, Active> active;

    public GuidedFlows(Settings settings) {
        this.settings = settings;
        this.active = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Active> eldest) {
                return size() > settings.maxConversations();
            }
        };
    }

    public Settings settings() {
        return settings;
    }

    /** The flow a turn of this intent enters, if any. */
    public Optional<String> entry(String intent) {
        return Optional.ofNullable(settings.entries().get(intent));
    }

    public synchronized Optional<Active> active(String conversationId, long nowMillis) {
        Active flow = active.get(conversationId);
        if (flow == null || nowMillis - flow.sinceMillis() > settings.ttlSeconds() * 1000) {
            return Optional.empty();
        }
        return Optional.of(flow);
    }

    public synchronized void enter(String conversationId, String flow, String intent, long atMillis) {
        active.put(conversationId, new Active(flow, intent, atMillis));
    }

    public synchronized void leave(String conversationId) {
        active.remove(conversationId);
    }

    /**
     * A reply in the conversation, to a message the gateway accepted at {@code receivedAtMillis}: the conversation is
     * in {@code flow} after it, or in none (null). A reply to a message older than the flow's last move is stale (it
     * was read late) and changes nothing.
     */
    synchronized void replied(String conversationId, String flow, String intent, long receivedAtMillis) {
        Active now = active.get(conversationId);
        if (now != null && receivedAtMillis < now.sinceMillis()) {
            return;
        }
        if (flow == null) {
            active.remove(conversationId);
        } else {
            active.put(conversationId, new Active(flow, now == null ? intent : now.intent(), receivedAtMillis));
        }
    }
}
