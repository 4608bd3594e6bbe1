package dev.switchboard.llm.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.llm.guardrails.OutputCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldBackTextTest {

    @Test
    void textIsReleasedOnlyOnceASentenceIsCompleteAndEverythingSoFarWasChecked() {
        // Given a check that records what it saw
        List<String> checked = new ArrayList<>();
        HeldBackText text = new HeldBackText(soFar -> {
            checked.add(soFar);
            return Optional.empty();
        });

        // When deltas arrive mid-sentence, then complete it, then the model finishes
        assertThat(text.offer("Restart the")).isEmpty();
        assertThat(text.offer(" gateway. Then wa")).contains("Restart the gateway. ");
        assertThat(text.offer("it")).isEmpty();
        assertThat(text.finish()).contains("Then wait");

        // Then each release was checked with everything before it
        assertThat(checked).containsExactly("Restart the gateway. ", "Restart the gateway. Then wait");
        assertThat(text.text()).isEqualTo("Restart the gateway. Then wait");
    }

    @Test
    void aSentenceThatBreaksTheCheckIsNeverReleased() {
        HeldBackText text = new HeldBackText(soFar -> soFar.contains("$40")
                ? Optional.of(OutputCheck.Kind.refund_promise) : Optional.empty());

        assertThat(text.offer("Your bill went up.\n")).contains("Your bill went up.\n");
        assertThat(text.offer("I added a $40 cr")).isEmpty();
        assertThatThrownBy(() -> text.offer("edit. ")).isInstanceOf(HeldBackText.Rejected.class);
        assertThat(text.text()).isEqualTo("Your bill went up.\n");
    }

    @Test
    void anAnswerThatOpensWithTheNoAnswerMarkerIsNeverReleased() {
        HeldBackText text = new HeldBackText(soFar -> Optional.empty());

        // the marker arrives in pieces, then a sentence end after it
        assertThat(text.offer(" NO_")).isEmpty();
        assertThat(text.offer("ANSWER. ")).isEmpty();
        assertThat(text.finish()).isEmpty();

        assertThat(text.declined()).isTrue();
        assertThat(text.text()).isEmpty();
    }

    @Test
    void anAnswerThatOnlyStartsLikeTheMarkerIsReleasedOnceItDiffers() {
        HeldBackText text = new HeldBackText(soFar -> Optional.empty());

        assertThat(text.offer("N")).isEmpty();
        assertThat(text.offer("o problem. Restart")).contains("No problem. ");
        assertThat(text.finish()).contains("Restart");
        assertThat(text.declined()).isFalse();
    }

    @Test
    void sentenceEndsAreFoundAfterPunctuationAndAtLineBreaks() {
        assertThat(HeldBackText.lastSentenceEnd("No end yet")).isZero();
        assertThat(HeldBackText.lastSentenceEnd("It costs $5.99 now")).isZero();
        assertThat(HeldBackText.lastSentenceEnd("One. Two! Three")).isEqualTo("One. Two! ".length());
        assertThat(HeldBackText.lastSentenceEnd("1. Restart\n2. Wa")).isEqualTo("1. Restart\n".length());
    }
}
