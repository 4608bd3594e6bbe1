package dev.switchboard.intent.guardrail;

import dev.switchboard.language.guardrail.InjectionRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Other readings of a message written to slip past the rules: look-alike letters from other scripts, digits for
 * letters, letters spaced apart, invisible characters, ROT13 and base64. The rules are applied to each reading as
 * well as to the message (docs/intent-classification.md, "Generalising the guardrail").
 */
public final class Obfuscation {

    // Cyrillic and Greek letters drawn like Latin ones ("іgnоrе" with Cyrillic і, о, е)
    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(Map.entry('а', 'a'), Map.entry('е', 'e'),
            Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'), Map.entry('у', 'y'), Map.entry('х', 'x'),
            Map.entry('і', 'i'), Map.entry('ј', 'j'), Map.entry('ѕ', 's'), Map.entry('ԁ', 'd'), Map.entry('һ', 'h'),
            Map.entry('ӏ', 'l'), Map.entry('ο', 'o'), Map.entry('α', 'a'), Map.entry('ε', 'e'), Map.entry('ι', 'i'),
            Map.entry('ν', 'v'), Map.entry('τ', 't'), Map.entry('κ', 'k'), Map.entry('ρ', 'p'), Map.entry('ѵ', 'v'));
    private static final Map<Character, Character> LEET = Map.of('0', 'o', '1', 'i', '3', 'e', '4', 'a', '5', 's',
            '7', 't', '@', 'a', '$', 's');
    private static final Pattern INVISIBLE = Pattern.compile("[\\u00ad\\u200b-\\u200f\\u2060\\ufeff]");
    // a word with a letter and a digit or symbol standing for one: "1gn0re", "p@ssword"
    private static final Pattern LEET_WORD = Pattern.compile("\\b(?=[\\w@$]*[a-z])(?=[\\w@$]*[0-9@$])[\\w@$]+");
    // "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e": one separator throughout, so "i.g.n.o.r.e y.o.u.r" stays two words
    private static final Pattern SPACED = Pattern.compile("\\b[a-z]([ .\\-_*])[a-z](?:\\1[a-z]){2,}\\b");
    // "g i v e  m e  t h e  p i n": letters one space apart, words two; read once a spaced word shows the style
    private static final Pattern LETTER_RUN = Pattern.compile("(?<!\\w)\\w(?: \\w(?!\\w))+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern DECODE_CUE = Pattern.compile("\\b(?:rot-?13|caesar|cipher|revers\\w*|backwards?|"
            + "decod\\w*|decrypt\\w*|encod\\w*|unscramble|flip\\w*|mirror\\w*|right to left)\\b");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");

    private Obfuscation() {
    }

    /**
     * @param message the message as written
     * @return the words it spells when most of it is typed in spaced letters ("s o r r y  m y  s p a c e b a r  i s
     *     s t u c k"), else the message: the sentence model reads spaced letters as noise, and noise sits nearer the
     *     obfuscated attacks than any request
     */
    public static String spelledOut(String message) {
        if (!message.contains("  ")) {
            return message;
        }
        Matcher runs = LETTER_RUN.matcher(message);
        int spelled = 0;
        while (runs.find()) {
            spelled += (runs.group().length() + 1) / 2;
        }
        long written = message.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (2 * spelled < written) {
            return message;
        }
        return joinLetterRuns(message);
    }

    // "g i v e  m e" -> "give me": each run of single letters one word, the double spaces between them single
    private static String joinLetterRuns(String text) {
        return SPACES.matcher(LETTER_RUN.matcher(text).replaceAll(run -> run.group().replace(" ", ""))).replaceAll(" ");
    }

    /**
     * @param message the message as written (base64 is case-sensitive)
     * @return the other readings, in lower case: folded when anything was folded, ROT13 and reversed when the message
     *     speaks of decoding, and each base64 token that decodes to text
     */
    static List<String> readings(String message) {
        String text = InjectionRules.normalize(message);
        List<String> readings = new ArrayList<>();
        String folded = fold(text);
        if (!folded.equals(text)) {
            readings.add(folded);
        }
        // text is only rotated or reversed when the message asks for it: read so, ordinary text reads as noise that a
        // rule may happen to match
        if (DECODE_CUE.matcher(text).find()) {
            readings.add(rot13(text));
            readings.add(new StringBuilder(text).reverse().toString());
        }
        Matcher encoded = BASE64.matcher(message);
        while (encoded.find()) {
            decode(encoded.group()).ifPresent(readings::add);
        }
        return readings;
    }

    private static String fold(String text) {
        StringBuilder folded = new StringBuilder(INVISIBLE.matcher(text).replaceAll(""));
        for (int i = 0; i < folded.length(); i++) {
            Character latin = LOOK_ALIKES.get(folded.charAt(i));
            if (latin != null) {
                folded.setCharAt(i, latin);
            }
        }
        String unleet = LEET_WORD.matcher(folded).replaceAll(word -> Matcher.quoteReplacement(unleet(word.group())));
        if (!SPACED.matcher(unleet).find()) {
            return unleet;
        }
        String words = unleet.contains("  ") ? joinLetterRuns(unleet) : unleet;
        return SPACED.matcher(words).replaceAll(spaced -> spaced.group().replaceAll("[ .\\-_*]", ""));
    }

    private static String unleet(String word) {
        StringBuilder letters = new StringBuilder(word);
        for (int i = 0; i < letters.length(); i++) {
            letters.setCharAt(i, LEET.getOrDefault(letters.charAt(i), letters.charAt(i)));
        }
        return letters.toString();
    }

    private static String rot13(String text) {
        StringBuilder rotated = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            rotated.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26) : c);
        }
        return rotated.toString();
    }

    private static Optional<String> decode(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f || Character.isWhitespace(c))
                    ? Optional.of(decoded.toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
