package dev.switchboard.intent.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Which intents (or words) enter a guided flow (account-service runs it), and which conversations are in one now. A
 * conversation enters when a turn is routed to its flow; it stays in it while the flow's replies say so ({@code ChatReplied.flow}
 * set); the flow's last reply, any other reply, or the customer asking for a person ends it. The replies come back on
 * chat.replies ({@link FlowReplies}), which is also how an instance that restarted learns which conversations are in a
 * flow: it reads the replies of the last {@code ttlSeconds} again.
 */
@Component
@EnableConfigurationProperties(GuidedFlows.Settings.class)
public class GuidedFlows {

    /**
     * @param entries intent → the flow its turns enter
     * @param openings the flows a message enters by its words, before its intent's entry: one whose intent is
     *     another flow's ("I have run out of data" is mobile service, like a phone without signal) or none at all
     *     ("I'm going to Spain next week" is off-topic to the classifier)
     * @param ttlSeconds a flow without a turn for longer is over
     * @param maxConversations bound of the memory
     */
    @ConfigurationProperties("switchboard.flows")
    public record Settings(Map<String, String> entries, List<Opening> openings, @DefaultValue("1800") long ttlSeconds,
            @DefaultValue("50000") int maxConversations) {

        public Settings {
            entries = entries == null ? Map.of() : Map.copyOf(entries);
            openings = openings == null ? List.of() : List.copyOf(openings);
        }
    }

    /**
     * A flow a message enters when its words match {@code pattern} (a Java regex, found anywhere in the message), as
     * {@code intent}.
     */
    public record Opening(String flow, String intent, String pattern) {
    }

    /** A flow a message entered by its words, and the intent it entered as. */
    public record Entry(String flow, String intent) {
    }

    /**
     * A conversation's flow, the intent that entered it, and when (the gateway's receivedAt) it last moved; a null
     * flow: the customer left it then.
     */
    public record Active(String flow, String intent, long sinceMillis) {
    }

    private final Settings settings;
    private final Map<Pattern, Entry> openings = new LinkedHashMap<>();
    private final Map<String, Active> active;

    public GuidedFlows(Settings settings) {
        this.settings = settings;
        settings.openings().forEach(opening -> openings.put(Pattern.compile(opening.pattern()),
                new Entry(opening.flow(), opening.intent())));
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

    /** The flow the message's words open, if any (the first opening that matches). */
    public Optional<Entry> opening(String message) {
        return openings.entrySet().stream().filter(opening -> opening.getKey().matcher(message).find())
                .map(Map.Entry::getValue).findFirst();
    }

    public synchronized Optional<Active> active(String conversationId, long nowMillis) {
        Active flow = active.get(conversationId);
        if (flow == null || flow.flow() == null || nowMillis - flow.sinceMillis() > settings.ttlSeconds() * 1000) {
            return Optional.empty();
        }
        return Optional.of(flow);
    }

    public synchronized void enter(String conversationId, String flow, String intent, long atMillis) {
        active.put(conversationId, new Active(flow, intent, atMillis));
    }

    /**
     * The customer left the flow with the turn the gateway accepted at {@code atMillis}. Kept as a conversation in no
     * flow since then, so that a flow's reply to an earlier turn, read after this, does not put it back in the flow.
     */
    public synchronized void leave(String conversationId, long atMillis) {
        active.put(conversationId, new Active(null, null, atMillis));
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
            active.put(conversationId, new Active(flow, now == null || now.flow() == null ? intent : now.intent(),
                    receivedAtMillis));
        }
    }
}
