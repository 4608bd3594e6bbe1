package dev.switchboard.llm.answering;

import dev.switchboard.llm.guardrails.OutputCheck;
import java.util.Optional;
import java.util.function.Function;

/**
 * Streams a model's answer sentence by sentence: deltas are held back until a sentence (or line) is complete, and the
 * whole answer so far is checked before that sentence is released. A sentence that breaks the output check is never
 * sent; what was released before it was checked and found clean. An answer that opens with the model's "no answer"
 * marker is never released at all.
 */
final class HeldBackText {

    private final Function<String, Optional<OutputCheck.Kind>> check;
    private final StringBuilder released = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();

    HeldBackText(Function<String, Optional<OutputCheck.Kind>> check) {
        this.check = check;
    }

    /** The text now safe to send, if a sentence completed; throws {@link Rejected} if it broke the check. */
    Optional<String> offer(String delta) {
        pending.append(delta);
        if (mayDecline()) {
            return Optional.empty();
        }
        int end = lastSentenceEnd(pending);
        return end == 0 ? Optional.empty() : release(end);
    }

    /** The rest, once the model has finished; nothing when the model declined. */
    Optional<String> finish() {
        return pending.length() == 0 || declined() ? Optional.empty() : release(pending.length());
    }

    /** Whether the model answered that the passages do not cover the question ({@link GroundedPrompt#NO_ANSWER}). */
    boolean declined() {
        return released.isEmpty() && pending.toString().strip().startsWith(GroundedPrompt.NO_ANSWER);
    }

    // The answer's opening is held back while it may still be the marker, so the customer never sees it streamed.
    private boolean mayDecline() {
        String opening = pending.toString().strip();
        return released.isEmpty() && (opening.startsWith(GroundedPrompt.NO_ANSWER)
                || GroundedPrompt.NO_ANSWER.startsWith(opening));
    }

    String text() {
        return released.toString();
    }

    private Optional<String> release(int end) {
        String sentence = pending.substring(0, end);
        check.apply(released + sentence).ifPresent(kind -> {
            throw new Rejected(kind);
        });
        released.append(sentence);
        pending.delete(0, end);
        return Optional.of(sentence);
    }

    // just past the whitespace after the last '.', '!', '?' (not a list number's "2. ") or at a line break; 0 if none
    static int lastSentenceEnd(CharSequence text) {
        for (int i = text.length() - 1; i > 0; i--) {
            char c = text.charAt(i);
            char before = text.charAt(i - 1);
            boolean listNumber = before == '.' && i > 1 && Character.isDigit(text.charAt(i - 2));
            if (c == '\n' || Character.isWhitespace(c) && !listNumber && (before == '.' || before == '!' || before == '?')) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The answer broke the output check; nothing of the offending sentence was sent. */
    static final class Rejected extends RuntimeException {

        final OutputCheck.Kind kind;

        Rejected(OutputCheck.Kind kind) {
            super("output check: " + kind, null, false, false);
            this.kind = kind;
        }
    }
}
