package dev.switchboard.intent.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WordGramsTest {

    @Test
    void aTextIsItsWordsAndWordPairsAtUnitLength() {
        // Given weights of one for every bucket
        float[] ones = new float[WordGrams.SIZE];
        Arrays.fill(ones, 1f);

        // When three words are read (three words and two pairs: five buckets, barring a collision)
        double sum = WordGrams.of("Set my BILL").dot(ones);

        // Then their weights sum to five times one over the square root of five
        assertThat(sum).isCloseTo(5 / Math.sqrt(5), within(1e-6));
    }

    @Test
    void everyNumberIsOneWordAndCaseAndPunctuationDoNotCount() {
        // Given one weight per bucket, each its own value
        float[] weights = new float[WordGrams.SIZE];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i % 9973;
        }

        // Then amounts, phone numbers and times read alike, as do case and punctuation, and other words do not
        assertThat(WordGrams.of("credit me $500 now").dot(weights))
                .isEqualTo(WordGrams.of("Credit me 1,200... now!").dot(weights), within(1e-9))
                .isEqualTo(WordGrams.of("credit me 555-0164 now").dot(weights), within(1e-9))
                .isEqualTo(WordGrams.of("credit me 08:01:12 now").dot(weights), within(1e-9));
        assertThat(WordGrams.of("credit me $500 now").dot(weights))
                .isNotEqualTo(WordGrams.of("credit me later now").dot(weights));
    }

    @Test
    void aTextWithoutWordsReadsAsNothing() {
        // Given weights of one everywhere
        float[] ones = new float[WordGrams.SIZE];
        Arrays.fill(ones, 1f);

        // Then punctuation alone weighs nothing
        assertThat(WordGrams.of(" ?! ").dot(ones)).isZero();
    }
}
