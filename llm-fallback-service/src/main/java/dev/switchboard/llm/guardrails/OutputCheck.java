package dev.switchboard.llm.guardrails;

import dev.switchboard.events.KnowledgePassage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the model wrote before the customer sees it: a promise of a refund or credit, an amount of money next
 * to one that the knowledge base does not state, or a piece of the system prompt replaces the answer. Lexical on
 * purpose, like the input guardrail: it runs on every sentence and must be explainable (see OutputCheckTest).
 */
public final class OutputCheck {

    public enum Kind { refund_promise, prompt_leak }

    // words of the system prompt in a row that a genuine answer has no reason to repeat
    private static final int SHINGLE = 7;

    private static final String MODAL = "(?:'ll|'ve|'d|\\s+will|\\s+shall|\\s+have|\\s+has|\\s+can|\\s+would|\\s+am going to"
            + "|\\s+are going to|\\s+just|\\s+already|\\s+now|\\s+(?:be\\s+)?(?:happy|glad) to|\\s+go ahead and)*";
    private static final List<Pattern> PROMISES = List.of(
            // "we'll credit your account", "I have refunded", "I can waive the fee"
            Pattern.compile("\\b(?:i|we)" + MODAL + "\\s+(?:credit|credited|refund|refunded|reimburse|reimbursed|waive"
                    + "|waived|comp|compensate)\\b"),
            // "I'll issue a refund", "we have applied a $20 credit to your bill"
            Pattern.compile("\\b(?:i|we)" + MODAL + "\\s+(?:issue|issued|apply|applied|add|added|give|given|process"
                    + "|processed|send|sent|put|post|posted)\\b[^.!?\\n]{0,40}?\\b(?:refunds?|credits?|reimbursement"
                    + "|compensation|money back)\\b"),
            // "you will receive a full refund", "you'll get a credit"
            Pattern.compile("\\byou(?:'ll|\\s+will|\\s+are going to)\\s+(?:receive|get|be given|see)\\b[^.!?\\n]{0,30}?"
                    + "\\b(?:refunds?|credits?|reimbursement|compensation|money back)\\b"),
            // "a refund has been issued", "the credit will be applied"
            Pattern.compile("\\b(?:refunds?|credits?|reimbursement)\\s+(?:of\\s+\\S+\\s+)?(?:has been|have been|will be"
                    + "|is being|is now)\\s+(?:issued|applied|added|processed|approved|posted|sent)\\b"));
    private static final Pattern AMOUNT = Pattern.compile("(?:[$€£]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b\\d[\\d,]*(?:\\.\\d+)?"
            + "\\s?(?:dollars|usd|euros?|eur|pounds|gbp)\\b)");
    private static final Pattern MONEY_BACK = Pattern.compile("\\b(?:refund|credit|reimburs|compensat|money back|"
            + "rebate)");
    private static final Pattern LEAK = Pattern.compile("\\b(?:my|the)\\s+(?:system prompt|system message|hidden "
            + "instructions|(?:initial|original|internal) instructions)\\b|\\bmy instructions (?:are|say|tell)\\b");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    private final Set<String> instructionShingles;

    /** @param instructions the system prompt's own text (not the passages, which an answer is meant to quote) */
    public OutputCheck(String instructions) {
        List<String> words = words(instructions);
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            shingles.add(String.join(" ", words.subList(i, i + SHINGLE)));
        }
        this.instructionShingles = shingles;
    }

    public Optional<Kind> check(String reply, List<KnowledgePassage> passages) {
        String text = reply.toLowerCase(Locale.ROOT);
        if (PROMISES.stream().anyMatch(promise -> promise.matcher(text).find()) || inventedAmount(text, passages)) {
            return Optional.of(Kind.refund_promise);
        }
        if (LEAK.matcher(text).find() || quotesInstructions(text)) {
            return Optional.of(Kind.prompt_leak);
        }
        return Optional.empty();
    }

    // An amount within a few words of a refund or credit that no passage states ("a $25 credit", "refund of $40").
    private static boolean inventedAmount(String text, List<KnowledgePassage> passages) {
        Matcher amount = AMOUNT.matcher(text);
        while (amount.find()) {
            String around = text.substring(Math.max(0, amount.start() - 40), Math.min(text.length(), amount.end() + 40));
            if (MONEY_BACK.matcher(around).find() && !stated(amount.group(), passages)) {
                return true;
            }
        }
        return false;
    }

    private static boolean stated(String amount, List<KnowledgePassage> passages) {
        Pattern same = Pattern.compile("(?<![\\d.])" + Pattern.quote(amount.replaceAll("[^\\d.]", "")) + "(?!\\d)");
        return passages.stream().anyMatch(passage -> same.matcher(passage.getText().replace(",", "")).find());
    }

    private boolean quotesInstructions(String text) {
        List<String> words = words(text);
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            if (instructionShingles.contains(String.join(" ", words.subList(i, i + SHINGLE)))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }
}
