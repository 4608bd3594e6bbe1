package dev.switchboard.knowledge.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The sentence of a passage that shares the most words with the query, cut to a chat-sized length. */
final class Snippets {

    static final int MAX_LENGTH = 240;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private Snippets() {
    }

    static String of(String text, String query) {
        Set<String> words = words(query);
        String best = null;
        long bestOverlap = -1;
        for (String sentence : SENTENCE_END.split(text.strip())) {
            long overlap = words(sentence).stream().filter(words::contains).count();
            if (overlap > bestOverlap) {
                best = sentence;
                bestOverlap = overlap;
            }
        }
        String snippet = best == null ? text : best.strip();
        if (snippet.length() <= MAX_LENGTH) {
            return snippet;
        }
        int cut = snippet.lastIndexOf(' ', MAX_LENGTH - 1);
        return snippet.substring(0, cut > 0 ? cut : MAX_LENGTH - 1) + "…";
    }

    private static Set<String> words(String text) {
        // words of three letters or more: "a", "to", "my" would make every sentence overlap
        return Arrays.stream(NON_WORD.split(text.toLowerCase(Locale.ROOT))).filter(w -> w.length() > 2)
                .collect(Collectors.toSet());
    }
}
