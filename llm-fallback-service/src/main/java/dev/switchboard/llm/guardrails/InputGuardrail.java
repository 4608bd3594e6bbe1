package dev.switchboard.llm.guardrails;

import dev.switchboard.events.KnowledgePassage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a customer message before anything is generated: attempts to steer or extract the assistant are refused,
 * and requests that have nothing to do with the service are declined with a pointer to what the assistant can do.
 * Lexical on purpose: it runs on every message, must be explainable, and is measured by GuardrailAccuracyTest.
 */
public final class InputGuardrail {

    public enum Kind { injection, off_topic }

    public record Block(Kind kind, String reply) {
    }

    static final String REFUSAL = "I'm sorry, but I can't help with that request. I'm here to help with your "
            + "internet, WiFi, TV, phone and mobile service, and with billing. What can I help you with?";

    static final String OFF_TOPIC = "That's outside what I can help with. I can answer questions about your "
            + "internet, WiFi, TV, home phone and mobile service, and about billing and your account. "
            + "Type \"agent\" if you'd like to reach a member of our support team.";

    private static final List<Pattern> INJECTION = List.of(
            // "ignore previous instructions" and its many spellings
            Pattern.compile("\\b(ignore|disregard|forget|override|bypass|skip)\\b[\\w\\s,']{0,30}?\\b(previous|prior|above|"
                    + "earlier|preceding|initial|original|system|all|your|any)\\b[\\w\\s']{0,20}?\\b(instructions?|prompts?|"
                    + "rules|directions|guidelines|directives|programming|constraints|restrictions|guardrails)\\b"),
            // "ignore what you were told"
            Pattern.compile("\\b(ignore|disregard|forget)\\s+(what|everything|anything|all)\\s+(you\\s+)?(were|have been|'ve been|"
                    + "got)?\\s*(told|instructed|given)\\b"),
            // asking for the hidden prompt
            Pattern.compile("\\b(reveal|show|print|repeat|tell|output|display|leak|dump|share|what)\\b[\\w\\s']{0,25}?"
                    + "\\b(system|hidden|initial|original|secret|internal)\\s+(prompt|instructions?|message|rules|configuration)"),
            Pattern.compile("\\b(your|the)\\s+(system\\s+prompt|instructions\\s+verbatim|prompt\\s+verbatim)"),
            // role-play and persona switches
            Pattern.compile("\\b(pretend|imagine|roleplay|role-play|role play)\\b[\\w\\s'.,:;!-]{0,30}?\\b(you are|you're|to be|as)\\b"),
            Pattern.compile("\\b(you are now|from now on,? you|act as an? (unrestricted|unfiltered|evil|jailbroken|admin|"
                    + "administrator|developer|root|hacker|different|new)|you have no (rules|restrictions|limits))\\b"),
            Pattern.compile("\\b(jailbreak|jailbroken|dan mode|do anything now)\\b"),
            // "developer mode" alone is a setting of many TV boxes and phones; switching the assistant into it is not
            Pattern.compile("\\b(enable|enter|activate|switch to|switch into|go into|turn on)\\s+(developer|god|sudo|dan|"
                    + "admin|unrestricted) mode\\b"),
            Pattern.compile("\\bwithout (any )?(restrictions|filters|rules|guardrails|censorship|limitations)\\b"),
            // fake role lines and chat-template tokens
            Pattern.compile("(?m)^\\s*[\\[#<(]*\\s*(system|assistant|developer)\\s*[\\]>)]*\\s*:"),
            Pattern.compile("<\\|?(im_start|im_end|system|endoftext)\\|?>|\\[/?(inst|system)\\]"),
            Pattern.compile("\\b(new|updated|override) (instructions|rules|system prompt)\\s*:"),
            // other customers' data
            Pattern.compile("\\b(other|another|all|every|any)\\s+(customers?|users?|subscribers?)('s|s'|')?\\s+(\\w+\\s+)?"
                    + "(data|details|accounts?|addresses|numbers|emails|information|info|passwords|records|bills)"),
            Pattern.compile("\\b(data|details|accounts?|address(es)?|numbers?|emails?|information|info|passwords?|records?|"
                    + "bills?|names?)\\s+(of|for|from|belonging to)\\s+(other|another|all|every)\\s+(customers?|users?|subscribers?|"
                    + "people|accounts?)\\b"),
            Pattern.compile("\\b(list|dump|export|give me|show me)\\b[\\w\\s]{0,15}?\\b(customer|user|subscriber)\\s+"
                    + "(data|records|database|list|table)"));

    private static final Set<String> SERVICE_WORDS = Set.of("internet", "wifi", "wi-fi", "router", "modem", "gateway",
            "signal", "connection", "connect", "network", "speed", "slow", "outage", "down", "tv", "channel", "channels",
            "cable", "phone", "mobile", "sim", "data", "bill", "billing", "invoice", "payment", "pay", "paid", "charge",
            "charged", "fee", "refund", "credit", "account", "plan", "contract", "upgrade", "downgrade", "cancel",
            "technician", "appointment", "install", "installation", "password", "email", "voicemail", "roaming",
            "streaming", "box", "remote", "ethernet", "fiber", "fibre", "bandwidth", "ping", "latency", "device",
            "service", "autopay", "balance", "price", "discount", "promo", "order", "move", "moving", "address",
            "login", "app", "port", "number", "reception", "coverage", "line", "dial", "calls", "call", "text",
            "hotspot", "light", "lights", "blinking", "led", "error", "code", "reset", "restart", "reboot", "mesh",
            "extender", "dvr", "recording", "receipt", "due", "late", "subscription", "package", "statement", "parental");

    private final double relevantScore;

    public InputGuardrail(double relevantScore) {
        this.relevantScore = relevantScore;
    }

    public Optional<Block> check(String content, String intent, List<KnowledgePassage> passages) {
        String text = content.toLowerCase(Locale.ROOT);
        if (INJECTION.stream().anyMatch(pattern -> pattern.matcher(text).find())) {
            return Optional.of(new Block(Kind.injection, REFUSAL));
        }
        if (offTopic(text, intent, passages)) {
            return Optional.of(new Block(Kind.off_topic, OFF_TOPIC));
        }
        return Optional.empty();
    }

    // Declines only when every signal agrees: no intent, no relevant passage and no word of the service's vocabulary.
    private boolean offTopic(String text, String intent, List<KnowledgePassage> passages) {
        boolean unknownIntent = intent == null || "unknown".equals(intent);
        boolean relevantPassage = passages.stream().anyMatch(passage -> passage.getScore() >= relevantScore);
        boolean serviceWord = Pattern.compile("[^a-z0-9-]+").splitAsStream(text)
                .anyMatch(word -> SERVICE_WORDS.contains(word) || word.endsWith("s")
                        && SERVICE_WORDS.contains(word.substring(0, word.length() - 1)));
        return unknownIntent && !relevantPassage && !serviceWord;
    }
}
