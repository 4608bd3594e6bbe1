package dev.switchboard.intent.guardrail;

import java.util.regex.Pattern;

/**
 * A customer who may be thinking of harming themselves, or asks for a lethal amount of a medicine: the words of it,
 * said plainly ("I want to kill myself", "I don't want to be here anymore", "the most painless way to end things", "how
 * many of these pills would it take so someone doesn't wake up"). Such a turn gets the crisis reply, never an
 * article, an answer or the refusal (docs/intent-classification.md, "A person at risk"). The words are the ones
 * crisis lines list as direct warning signs; over the project's 16,594 texts (the public sets with the complaints'
 * full descriptions, the dev sets, every evaluation set) only the fifth and sixth blind rounds' messages of those
 * kinds match, so a customer's anger ("this router is killing me") does not. No library does this for Java; the
 * list stays short and literal on purpose.
 */
final class CrisisSignals {

    private static final Pattern SIGNS = Pattern.compile("\\b(?:"
            + "(?:kill|killing|hurt|hurting|harm|harming)\\s+my\\s*self"
            + "|suicid(?:e|al)"
            + "|(?:end|ending|take|taking)\\s+my\\s+(?:own\\s+)?life"
            + "|(?:end|ending)\\s+it\\s+all"
            + "|(?:don'?t|do\\s+not)\\s+want\\s+to\\s+(?:be\\s+here|live|be\\s+alive|exist|wake\\s+up)\\s+any\\s*more"
            + "|want\\s+to\\s+die"
            + "|better\\s+off\\s+dead"
            + "|no\\s+reason\\s+to\\s+(?:live|go\\s+on)"
            + "|self[-\\s]?harm"
            + "|painless\\s+way\\s+to\\s+(?:die|go|end)"
            // asking for a lethal amount of a medicine: for oneself or for someone else, never answered
            + "|lethal\\s+(?:dose|amount)|overdos(?:e|ing)\\s+on"
            + "|(?:how\\s+(?:many|much)|what\\s+(?:dose|amount))\\b[^.?!]{0,40}?\\b(?:pills|tablets|meds|"
            + "medication|painkillers|insulin|poison)\\b[^.?!]{0,50}?\\b(?:to\\s+(?:die|kill)|be\\s+fatal"
            + "|(?:does|do|would)\\s*n[o']?t\\s+wake\\s+up|never\\s+wake\\s+up|stop\\s+breathing)"
            + ")\\b", Pattern.CASE_INSENSITIVE);

    private CrisisSignals() {
    }

    static boolean match(String message) {
        return SIGNS.matcher(message.replace('’', '\'')).find();
    }
}
