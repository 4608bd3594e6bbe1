package dev.switchboard.llm.guardrails;

import dev.switchboard.events.KnowledgePassage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks a customer message before anything is generated: attempts to steer or extract the assistant are refused,
 * and requests that have nothing to do with the service are declined with a pointer to what the assistant can do.
 * Injections are found by lexical rules (explainable, no cost) and, when configured, by a semantic detector that
 * catches paraphrases the rules never saw ({@link SemanticInjectionDetector}); a message either flags is refused.
 * Measured by GuardrailAccuracyTest.
 */
public final class InputGuardrail {

    /** {@code suspected_injection} is not refused: the message is answered without the model. */
    public enum Kind { injection, off_topic, suspected_injection }

    /** @param reply what the customer is told instead; null for a suspected injection, which gets an answer */
    public record Block(Kind kind, String reply) {
    }

    static final String REFUSAL = "I'm sorry, but I can't help with that request. I'm here to help with your "
            + "internet, WiFi, TV, phone and mobile service, and with billing. What can I help you with?";

    static final String OFF_TOPIC = "That's outside what I can help with. I can answer questions about your "
            + "internet, WiFi, TV, home phone and mobile service, and about billing and your account. "
            + "Type \"agent\" if you'd like to reach a member of our support team.";

    private static final String DISMISS = "(ignore|disregard|forget|override|bypass|skip|set aside|put aside|abandon|"
            + "discard|stop following)";

    private static final List<Pattern> INJECTION = List.of(
            // "ignore previous instructions" and its many spellings, the qualifier before the rules or after them
            Pattern.compile("\\b" + DISMISS + "\\b[\\w\\s,']{0,30}?\\b(previous|prior|above|earlier|preceding|initial|"
                    + "original|system|all|your|any)\\b[\\w\\s']{0,20}?\\b(instructions?|prompts?|rules|directions|guidelines|"
                    + "directives|programming|constraints|restrictions|guardrails)\\b"),
            Pattern.compile("\\b" + DISMISS + "\\s+(the|these|those)\\s+(instructions?|prompts?|rules|directions|guidelines|"
                    + "directives)\\s+(above|before|so far|(that\\s+)?you\\s+(were|have been|'ve been|got)\\s+(given|told))"),
            // "ignore what you were told"
            Pattern.compile("\\b(ignore|disregard|forget)\\s+(what|everything|anything|all)\\s+(you\\s+)?(were|have been|'ve been|"
                    + "got)?\\s*(told|instructed|given)\\b"),
            // asking for the hidden prompt, or for whatever the assistant was given before the customer wrote
            Pattern.compile("\\b(reveal|show|print|repeat|tell|output|display|leak|dump|share|what)\\b[\\w\\s']{0,25}?"
                    + "\\b(system|hidden|initial|original|secret|internal)\\s+(prompt|instructions?|message|rules|configuration)"),
            Pattern.compile("\\b(your|the)\\s+(system\\s+prompt|instructions\\s+verbatim|prompt\\s+verbatim)"),
            Pattern.compile("\\b(reveal|leak|expose|divulge)\\s+(\\w+\\s+)?your\\b"),
            // "about" asks the assistant to pass on news (an outage), not its own setup
            Pattern.compile("\\b(what|which)\\s+(\\w+\\s+){0,2}?(were|was|have|had|did)\\s+you\\s+(been\\s+)?(given|told|"
                    + "instructed|programmed|configured)\\b(?!\\s+(about|regarding)\\b)"),
            Pattern.compile("\\b(instructions|rules|prompt|guidelines|directives|text)\\s+(that\\s+)?(\\w+\\s+){0,2}?(gave|wrote|"
                    + "set|provided|fed)\\s+you\\b"),
            Pattern.compile("\\b(everything|anything|text|words|all)\\b[\\w\\s']{0,25}?\\b(before|above|preceding|prior to)\\s+"
                    + "(this|my|our|the)\\s+(conversation|chat|message|first message)\\b"),
            // role-play and persona switches
            Pattern.compile("\\b(pretend|imagine|roleplay|role-play|role play|let's play|a game where)\\b[\\w\\s'.,:;!-]{0,30}?"
                    + "\\b(you are|you're|to be|as)\\b"),
            Pattern.compile("\\b(you are now|from (now on|this (moment|point)( on)?|here on),? you|(act|behave|pose|respond)\\s+"
                    + "(as|like)\\s+(an?|my|the)\\s+(\\w+\\s+)?(unrestricted|unfiltered|evil|jailbroken|admin|administrator|"
                    + "developer|root|hacker|different|new)|you (have|had) no (\\w+\\s+)?(rules|restrictions|limits|filters))\\b"),
            Pattern.compile("\\b(behave|act|respond|answer|reply|talk|speak)\\s+as (if|though) you\\b"),
            Pattern.compile("\\bstop being (a|an|the|my)\\s+(\\w+\\s+)?(assistant|bot|chatbot|ai|agent)\\b"),
            // a jailbroken phone is a customer's device; only jailbreaking the assistant is an attack
            Pattern.compile("\\bjailbreak(\\s+(mode|prompt|you|this)\\b|\\s*:)|\\bjailbroken\\s+(ai|model|assistant|bot|"
                    + "mode|version)\\b|\\b(dan mode|do anything now)\\b"),
            // "developer mode" alone is a setting of many TV boxes and phones; switching the assistant into it is not
            Pattern.compile("\\b(enable|enter|activate|switch to|switch into|go into|turn on)\\s+(developer|god|sudo|dan|"
                    + "admin|unrestricted) mode\\b"),
            Pattern.compile("\\byou('re| are)\\s+(now\\s+)?in\\s+(\\w+\\s+)?mode\\b"),
            Pattern.compile("\\bwithout (any )?(restrictions|filters|rules|guardrails|censorship|limitations)\\b"),
            Pattern.compile("\\b(safety|filters?|guardrails?|moderation|censorship|restrictions)\\s*[=:]\\s*(off|false|0|none|"
                    + "disabled)\\b"),
            // fake role lines, command headers and chat-template tokens
            Pattern.compile("(?m)^\\s*[\\[#<(]*\\s*(system|assistant|developer|override|sudo)\\s*[\\]>)]*\\s*:"),
            Pattern.compile("<\\|?(im_start|im_end|system|endoftext)\\|?>|\\[/?(inst|system)\\]"),
            Pattern.compile("\\b(new|updated|revised|override) (instructions|rules|system prompt|directives|orders)"
                    + "( from [\\w\\s]{0,25}?)?\\s*:"),
            // a banner or an order "from head office" opening the message: a header only staff would send
            Pattern.compile("^\\s*([=*#~-])\\1{2,}[^\\n]{1,60}?([=*#~-])\\2{2,}"),
            Pattern.compile("\\b(directives?|orders?|instructions?|memo) from (the )?(head office|headquarters|corporate|"
                    + "management|your (boss|manager|supervisor|developers?|creators?))\\b"),
            // a manual or policy said to oblige the assistant to hand out money: a credit talked into existence
            Pattern.compile("\\b(manual|policy|instructions|guidelines|rules|directive|memo|system prompt)\\b[^?]{0,80}?\\b(you|"
                    + "agents?|staff|representatives|(the\\s+)?(assistant|bot|chatbot|ai)|support)\\s+(are\\s+)?(must|required to|obliged to|obligated to|"
                    + "instructed to|authori[sz]ed to)\\s+(\\w+\\s+){0,2}?((give|issue|apply|grant|approve|waive|add)\\b"
                    + "[^.?!]{0,30}?(credit|refund|free|discount|fees|\\$)|(refund|credit|compensate|reimburse)\\b)"),
            // an approval claimed from a colleague, with the order not to verify it
            Pattern.compile("\\b(you\\s+)?(don't|do not|dont|no)\\s+need\\s+to\\s+(check|verify|confirm)\\s+(with|it|this|that|"
                    + "anything|anyone)\\b|\\bjust\\s+(process|apply|approve|push)\\s+(it|the\\s+(refund|credit))\\b"),
            // text smuggled in to be decoded or translated and then obeyed, or addressed to the model in markup
            Pattern.compile("\\b(translate|decode|decipher|decrypt|convert)\\b[^.?!]{0,40}?\\b(carry it out|do (exactly )?what it "
                    + "says|follow it|execute it|obey it|act on it|do as it says)\\b"),
            Pattern.compile("\\bnote\\s+(to|for)\\s+(the\\s+)?(ai|assistant|bot|chatbot|model|llm)\\b|<!--[^>]{0,200}?\\b("
                    + "ignore|assistant|ai|instructions?|system)\\b"),
            Pattern.compile("\\b" + DISMISS + "\\s+(the|your|all|any)\\s+(safety|security|content|company|support)\\s+(policy|"
                    + "policies|rules|filters|guidelines)\\b"),
            // other customers' data
            Pattern.compile("\\b(other|another|all|every|any)\\s+(customers?|users?|subscribers?)('s|s'|')?\\s+(\\w+\\s+)?"
                    + "(data|details|accounts?|addresses|numbers|emails|information|info|passwords|records|bills)"),
            Pattern.compile("\\b(data|details|accounts?|address(es)?|numbers?|emails?|information|info|passwords?|records?|"
                    + "bills?|names?)\\s+(of|for|from|belonging to)\\s+(other|another|all|every)\\s+(customers?|users?|subscribers?|"
                    + "people|accounts?)\\b"),
            // plural only: "the number of customers" (affected by an outage) is a count, not their data
            Pattern.compile("\\b(names|numbers|addresses|emails|passwords|records)\\s+of\\s+(the\\s+|your\\s+)?(\\w+\\s+)?(customers|"
                    + "users|subscribers|callers|residents)\\b"),
            Pattern.compile("\\b(list|dump|export|give me|show me)\\b[\\w\\s]{0,15}?\\b(customer|user|subscriber)\\s+"
                    + "(data|records|database|list|table)"),
            // a named third party: a neighbour's plan, WiFi or phone number is everyday talk, their account is not
            Pattern.compile("\\b(account( number)?|address|password|email|records?)\\s+(of|for|belonging to)\\s+"
                    + "(my\\s+)?(neighbou?rs?|someone else|somebody else|another person|mr|mrs)\\b"),
            Pattern.compile("\\b(neighbou?r|someone else|somebody else|anyone else)('s|s')\\s+(\\w+\\s+)?(account|address|"
                    + "password|email|records)\\b"),
            Pattern.compile("\\bwho (else )?(lives|live|is living|stays|resides) at\\b"),
            Pattern.compile("\\b(previous|last|other|next)\\s+(customer|caller|user|person)\\s+(that\\s+|who\\s+)?(you|"
                    + "was|were)\\s+(just\\s+)?(chatted|spoke|talked|helped|served|chatting|speaking|talking)\\b"),
            // what is held for a named person or another account, or which neighbours subscribe
            Pattern.compile("\\b(on file|registered|stored|saved|listed)\\s+(for|on|under)\\s+(?!(me|my|myself|mine|our|us|"
                    + "this account|the account|my account)\\b)(account\\s+\\d|[a-z]+\\s+[a-z]+\\s+(at|on|in)\\b)"),
            Pattern.compile("\\bwhich (of )?(my |the )?(neighbou?rs|tenants|residents|people|houses|homes)\\b[^?.]{0,30}?"
                    + "\\b(subscribe|are subscribed|(have|use|get) (your|the) (service|package|plan|internet|tv))"),
            Pattern.compile("\\b(when|where)\\s+(did\\s+)?(he|she|they|his|her|their)\\s+(last\\s+)?(paid|pays|bills?|"
                    + "statements?|account)\\b"),
            Pattern.compile("\\b(who owns|(give|tell|read|send|show|find|look up)\\s+(me\\s+)?(the\\s+)?(\\w+\\s+)?(address|"
                    + "name|owner|details|account)\\s+(for|of|on|behind|linked to|registered to))\\s+(the|this|that)\\s+"
                    + "((phone|mobile|cell)\\s+)?number\\b"));

    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9-]+");

    // an ellipsis between words splits a phrase for the eye, not for the customer's meaning
    private static final Pattern ELLIPSIS = Pattern.compile("\\.{2,}|\u2026");

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
        String text = ELLIPSIS.matcher(content.toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (INJECTION.stream().anyMatch(pattern -> pattern.matcher(text).find())) {
            return Optional.of(new Block(Kind.injection, REFUSAL));
        }
        // off-topic before the semantic detector: a message declined anyway is not embedded, and an innocent
        // off-topic request ("write me a poem") gets the pointer to what the assistant can do, not a refusal
        if (offTopic(text, intent, passages)) {
            return Optional.of(new Block(Kind.off_topic, OFF_TOPIC));
        }
        return semantic.get().map(detector -> detector.verdict(content)).flatMap(verdict -> switch (verdict) {
            case attack -> Optional.of(new Block(Kind.injection, REFUSAL));
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
