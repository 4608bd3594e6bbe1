package dev.switchboard.intent.classification;

import dev.switchboard.language.Words;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A text's words and pairs of neighbouring words, hashed into {@link #SIZE} buckets and weighed to unit length: the
 * learned attack detector's second view of a message beside its embedding, which blurs the few words that make a
 * request an attack ("set my bill to $0", "who is this number registered to", "keylogger"). Every number standing
 * alone is one word, so an amount, a phone number or a time counts as such and not by its digits.
 */
final class WordGrams {

    static final int BITS = 18;
    static final int SIZE = 1 << BITS;

    private static final WordGrams NONE = new WordGrams(new int[0]);
    // a number standing alone, with its separators: "$1,200", "555-0164", "08:01:12", "192.168.1.14"
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d])\\d(?:[\\d,.:/-]*\\d)?(?![\\p{L}\\d])");

    private final int[] buckets;
    private final float weight;

    private WordGrams(int[] buckets) {
        this.buckets = buckets;
        this.weight = buckets.length == 0 ? 0 : (float) (1 / Math.sqrt(buckets.length));
    }

    static WordGrams of(String text) {
        String normalized = Words.normalize(NUMBER.matcher(text).replaceAll("0"));
        if (normalized.isEmpty()) {
            return NONE;
        }
        String[] words = normalized.split(" ");
        int[] buckets = new int[2 * words.length - 1];
        for (int i = 0; i < words.length; i++) {
            buckets[i] = bucket(words[i].hashCode());
            if (i > 0) {
                buckets[words.length + i - 1] = bucket(31 * words[i - 1].hashCode() + words[i].hashCode() + 0x5bd1e995);
            }
        }
        return new WordGrams(Arrays.stream(buckets).distinct().sorted().toArray());
    }

    /** A bucket from a string hash, its bits mixed (murmur3's finaliser) so similar words spread apart. */
    private static int bucket(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & (SIZE - 1);
    }

    double dot(float[] weights) {
        double sum = 0;
        for (int bucket : buckets) {
            sum += weights[bucket];
        }
        return sum * weight;
    }

    double dot(double[] weights) {
        double sum = 0;
        for (int bucket : buckets) {
            sum += weights[bucket];
        }
        return sum * weight;
    }

    /** Adds {@code scale} times this vector to {@code sum}. */
    void addTo(double[] sum, double scale) {
        double value = scale * weight;
        for (int bucket : buckets) {
            sum[bucket] += value;
        }
    }
}
