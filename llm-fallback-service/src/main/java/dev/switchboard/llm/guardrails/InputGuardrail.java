package dev.switchboard.llm.guardrails;

import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.language.guardrail.GuardrailReplies;
import dev.switchboard.language.guardrail.InjectionRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks a customer message before anything is generated: attempts to steer or extract the assistant are refused,
 * and requests that have nothing to do with the service are declined with a pointer to what the assistant can do.
 * Injections are found by lexical rules (module language's {@link InjectionRules}, which intent-service applies to
 * every turn first) and, when configured, by a semantic detector that
 * catches paraphrases the rules never saw ({@link SemanticInjectionDetector}); a message either flags is refused.
 * Measured by GuardrailAccuracyTest.
 */
public final class InputGuardrail {

    /** {@code suspected_injection} is not refused: the message is answered without the model. */
    public enum Kind { injection, off_topic, suspected_injection }

    /** @param reply what the customer is told instead; null for a suspected injection, which gets an answer */
    public record Block(Kind kind, String reply) {
    }

    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9-]+");

    private static final Set<String> SERVICE_WORDS = Set.of("internet", "wifi", "wi-fi", "router", "modem", "gateway",
            "signal", "connection", "connect", "network", "speed", "slow", "outage", "down", "tv", "channel", "channels",
            "cable", "phone", "mobile", "sim", "data", "bill", "billing", "invoice", "payment", "pay", "paid", "charge",
            "charged", "fee", "refund", "credit", "account", "plan", "contract", "upgrade", "downgrade", "cancel",
            "technician", "appointment", "install", "installation", "password", "email", "voicemail", "roaming",
            "streaming", "box", "remote", "ethernet", "fiber", "fibre", "bandwidth", "ping", "latency", "device",
            "service", "autopay", "balance", "price", "discount", "promo", "order", "move", "moving", "address",
            "login", "app", "port", "number", "reception", "coverage", "line", "dial", "calls", "call", "text",
            "hotspot", "light", "lights", "blinking", "led", "error", "code", "reset", "restart", "reboot", "mesh",
            "extender", "dvr", "recording", "receipt", "due", "late", "subscription", "package", "statement", "parental",
            "tablet", "laptop", "computer", "website", "browser", "dns", "customer", "policy",
            "team", "representative", "scam");

    private final double relevantScore;
    /** The semantic detector to ask, if any: the knowledge base version's in use when it follows the versions. */
    private final Supplier<Optional<SemanticInjectionDetector>> semantic;
    /** Runs an action once the guardrail can check messages. */
    private final Consumer<Runnable> whenReady;

    /** The lexical rules alone. */
    public InputGuardrail(double relevantScore) {
        this(relevantScore, Optional::empty, Runnable::run);
    }

    InputGuardrail(double relevantScore, SemanticInjectionDetector semantic) {
        this(relevantScore, () -> Optional.of(semantic), Runnable::run);
    }

    InputGuardrail(double relevantScore, VersionedDetector semantic) {
        this(relevantScore, () -> Optional.of(semantic.detector()), semantic::whenLoaded);
    }

    private InputGuardrail(double relevantScore, Supplier<Optional<SemanticInjectionDetector>> semantic,
            Consumer<Runnable> whenReady) {
        this.relevantScore = relevantScore;
        this.semantic = semantic;
        this.whenReady = whenReady;
    }

    /**
     * Runs {@code action} once messages can be checked: at once, or, when the semantic detector follows the knowledge
     * base versions, once it has a first one (on the thread that loads it).
     */
    public void whenReady(Runnable action) {
        whenReady.accept(action);
    }

    public Optional<Block> check(String content, String intent, List<KnowledgePassage> passages) {
        String text = InjectionRules.normalize(content);
        if (InjectionRules.match(content)) {
            return Optional.of(new Block(Kind.injection, GuardrailReplies.REFUSAL));
        }
        // off-topic before the semantic detector: a message declined anyway is not embedded, and an innocent
        // off-topic request ("write me a poem") gets the pointer to what the assistant can do, not a refusal
        if (offTopic(text, intent, passages)) {
            return Optional.of(new Block(Kind.off_topic, GuardrailReplies.OFF_TOPIC));
        }
        return semantic.get().map(detector -> detector.verdict(content)).flatMap(verdict -> switch (verdict) {
            case attack -> Optional.of(new Block(Kind.injection, GuardrailReplies.REFUSAL));
            case suspect -> Optional.of(new Block(Kind.suspected_injection, null));
            case clear -> Optional.empty();
        });
    }

    // Declines only when every signal agrees: no intent, no relevant passage and no word of the service's vocabulary.
    private boolean offTopic(String text, String intent, List<KnowledgePassage> passages) {
        boolean unknownIntent = intent == null || "unknown".equals(intent);
        boolean relevantPassage = passages.stream().anyMatch(passage -> passage.getScore() >= relevantScore);
        boolean serviceWord = NON_WORD.splitAsStream(text)
                .anyMatch(word -> SERVICE_WORDS.contains(word) || word.endsWith("s")
                        && SERVICE_WORDS.contains(word.substring(0, word.length() - 1)));
        return unknownIntent && !relevantPassage && !serviceWord;
    }
}
