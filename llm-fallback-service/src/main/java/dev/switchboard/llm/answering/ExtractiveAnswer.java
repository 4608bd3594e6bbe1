package dev.switchboard.llm.answering;

import dev.switchboard.events.KnowledgePassage;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

/**
 * The answer given without a model: the opening sentences of the best knowledge-base passage, with a pointer to the
 * article and an offer of a person. Honest about what it is.
 */
final class ExtractiveAnswer {

    private static final int SENTENCES = 3;

    private ExtractiveAnswer() {
    }

    /** @param passages at least one: without any, the reply is the honest "I don't know" instead */
    static String from(List<KnowledgePassage> passages) {
        KnowledgePassage best = passages.get(0);
        return "I couldn't find an exact answer to that, but this from our help article \"" + best.getTitle()
                + "\" may help:\n\n" + leadingSentences(best.getText(), SENTENCES)
                + "\n\nIf that doesn't solve it, type \"agent\" and I'll connect you with a member of our support team.";
    }

    static String leadingSentences(String text, int count) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(text);
        int end = 0;
        for (int i = 0; i < count; i++) {
            int next = sentences.next();
            if (next == BreakIterator.DONE) {
                break;
            }
            end = next;
        }
        return text.substring(0, end).strip();
    }
}
