package dev.switchboard.language;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one word normalisation of the project: intent-service matches the knowledge base's keywords with it and
 * knowledge-service matches the same keywords with it, so both must see a message's words identically.
 */
public final class Words {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}']+");

    private Words() {
    }

    /** Lower case, words separated by single spaces, apostrophes kept ("can't" stays one word). */
    public static String normalize(String text) {
        return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    public static int count(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? 0 : normalized.split(" ").length;
    }
}
