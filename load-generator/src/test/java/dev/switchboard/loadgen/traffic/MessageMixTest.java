package dev.switchboard.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageMixTest {

    @Test
    void drawsEachKindInProportionToItsWeight() {
        // Given the default mix
        MessageMix mix = MessageMix.parse("kb=0.9,fallback=0.05,handoff=0.05");

        // When 20,000 messages are drawn
        Map<Kind, Integer> drawn = new EnumMap<>(Kind.class);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            MessageMix.Question question = mix.draw(random);
            assertThat(question.kind().questions()).contains(question.content());
            drawn.merge(question.kind(), 1, Integer::sum);
        }

        // Then the shares come out close to the weights
        assertThat(drawn.get(Kind.KB) / 20_000.0).isBetween(0.89, 0.91);
        assertThat(drawn.get(Kind.FALLBACK) / 20_000.0).isBetween(0.045, 0.055);
        assertThat(drawn.get(Kind.HANDOFF) / 20_000.0).isBetween(0.045, 0.055);
    }

    @Test
    void aKindLeftOutGetsNoMessages() {
        // Given a mix of hand-offs only
        MessageMix mix = MessageMix.parse("handoff=1");

        // Then every draw is a hand-off
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            assertThat(mix.draw(random).kind()).isEqualTo(Kind.HANDOFF);
        }
    }

    @Test
    void refusesUnknownKindsAndMissingWeights() {
        assertThatThrownBy(() -> MessageMix.parse("kb=1,billing=2")).hasMessageContaining("billing");
        assertThatThrownBy(() -> MessageMix.parse("kb")).hasMessageContaining("kind=weight");
        assertThatThrownBy(() -> MessageMix.parse("kb=0")).hasMessageContaining("positive weight");
    }

    @Test
    void everyKindHasHandWrittenQuestions() {
        assertThat(Kind.KB.questions()).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
        assertThat(Kind.FALLBACK.questions()).isNotEmpty().noneMatch(q -> q.startsWith("#"));
        assertThat(Kind.HANDOFF.questions()).isNotEmpty();
    }
}
