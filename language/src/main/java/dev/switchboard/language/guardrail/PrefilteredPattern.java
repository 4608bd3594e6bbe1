package dev.switchboard.language.guardrail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A regular expression that is only run on a text holding one of the literals every match of it contains
 * ({@link RequiredLiterals}). The guardrail asks about 130 expressions of every turn, and an ordinary turn holds the
 * literals of only a few: asking each one was 15 % of intent-service's CPU samples at 180-200 messages/s, 5 % skipped
 * so (docs/benchmarks.md). The answer is always the expression's own.
 */
public final class PrefilteredPattern {

    private final Pattern pattern;
    private final String[] literals;

    private PrefilteredPattern(Pattern pattern) {
        this.pattern = pattern;
        this.literals = RequiredLiterals.of(pattern).toArray(String[]::new);
    }

    public static PrefilteredPattern compile(String regex) {
        return new PrefilteredPattern(Pattern.compile(regex));
    }

    public static List<PrefilteredPattern> allOf(List<Pattern> patterns) {
        return patterns.stream().map(PrefilteredPattern::new).toList();
    }

    /** Whether the expression finds a match anywhere in {@code text}, as {@code pattern().matcher(text).find()}. */
    public boolean find(String text) {
        return mayMatch(text) && pattern.matcher(text).find();
    }

    /** Whether any of {@code patterns} finds a match in {@code text}. */
    public static boolean anyFinds(List<PrefilteredPattern> patterns, String text) {
        for (PrefilteredPattern pattern : patterns) {
            if (pattern.find(text)) {
                return true;
            }
        }
        return false;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** False only when the text holds none of the literals a match needs: then the pattern cannot find one. */
    public boolean mayMatch(String text) {
        if (literals.length == 0) {
            return true;
        }
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** The literals one of which a match contains; empty when the expression is always run. */
    List<String> literals() {
        return List.of(literals);
    }
}
