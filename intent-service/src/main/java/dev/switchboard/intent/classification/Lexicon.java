package dev.switchboard.intent.classification;

import java.util.regex.Pattern;

/** Lexical signals that an embedding of a few words cannot carry reliably. */
public final class Lexicon {

    /** An explicit request for a person: always wins, whatever else the message says. */
    private static final Pattern HANDOFF = Pattern.compile(
            "\\b(?:(?:speak|talk|chat|connect|transfer|put)\\w*\\s+(?:me\\s+)?(?:to|with|through to)\\s+"
                    + "(?:a|an|the|some|your)?\\s*(?:real\\s+|live\\s+|actual\\s+)?"
                    + "(?:human|person|people|agent|representative|rep|someone|somebody|operator|supervisor|manager)"
                    + "|(?:real|live|actual)\\s+(?:human|person|agent|representative)"
                    + "|(?:want|need|get)\\s+(?:me\\s+)?(?:a|an|to)?\\s*(?:human|representative|operator|supervisor)"
                    + "|human\\s+(?:please|pls|agent|being)|representative\\s+please|agent\\s+please"
                    + "|escalate\\s+(?:this|me)\\s+to)\\b");

    private static final Pattern HANDOFF_ALONE = Pattern.compile(
            "(?:agent|human|representative|rep|operator|person|live agent|customer service)(?:\\s+(?:please|pls|now))?");

    private static final Pattern GREETING = Pattern.compile(
            "(?:hi|hii+|hello|hey|heya|hiya|yo|howdy|greetings|good\\s+(?:morning|afternoon|evening)|morning|evening)"
                    + "(?:\\s+(?:there|team|all|everyone|folks|switchboard|support))?(?:\\s+how\\s+are\\s+you)?");

    private static final Pattern THANKS = Pattern.compile(
            "(?:.*\\b(?:thanks|thank\\s+you|thx|ty|cheers|appreciate\\s+it|much\\s+appreciated)\\b.*"
                    + "|(?:great|perfect|awesome|ok|okay)?\\s*(?:that|it)\\s+(?:worked|fixed\\s+it|did\\s+it)(?:\\s+\\w+)?)");

    private static final Pattern ADDRESSES = Pattern.compile("https?://\\S+|(?<!\\w)@\\w+|#(?=\\w)");

    private Lexicon() {
    }

    static boolean asksForHuman(String normalized) {
        return HANDOFF.matcher(normalized).find() || HANDOFF_ALONE.matcher(normalized).matches();
    }

    /**
     * Without @handles, links and hashtag signs (the hashtag's word stays), as tweets are written; blank when the
     * message is nothing else.
     */
    public static String withoutAddresses(String message) {
        return ADDRESSES.matcher(message).replaceAll(" ").replaceAll("\\s{2,}", " ").trim();
    }

    /** Greetings and thanks only when that is all the message says: "hi, my internet is down" is an outage. */
    static boolean isGreeting(String normalized) {
        return GREETING.matcher(normalized).matches();
    }

    static boolean isThanks(String normalized) {
        return normalized.split(" ").length <= 6 && THANKS.matcher(normalized).matches();
    }
}
