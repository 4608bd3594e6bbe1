package dev.switchboard.language.guardrail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The literals one of which every match of a regular expression contains, read from the expression: an alternation
 * needs one of its branches' literals (none when a branch needs none), a sequence the most selective of its mandatory
 * parts (a run of plain characters, or a group). Lookarounds, classes, escapes such as {@code \s}, backreferences and
 * whatever a quantifier makes optional need nothing. When the expression uses what this does not read (case-insensitive
 * or comment flags, quoting, a class opening with {@code ]}), it needs nothing: the answer is only ever too weak, which
 * costs a matcher run, never a missed match.
 */
final class RequiredLiterals {

    /** Flags that change what a plain character matches (case, comments): with them nothing is required. */
    private static final int UNREAD_FLAGS = ~(Pattern.MULTILINE | Pattern.DOTALL | Pattern.UNIX_LINES);
    private static final String INLINE_FLAGS_READ = "msd-";

    private final String expression;
    private int at;

    private RequiredLiterals(String expression) {
        this.expression = expression;
    }

    /** One of these is in every match; empty when that cannot be told. */
    static List<String> of(Pattern pattern) {
        if ((pattern.flags() & UNREAD_FLAGS) != 0 || pattern.pattern().contains("\\Q")) {
            return List.of();
        }
        RequiredLiterals reader = new RequiredLiterals(pattern.pattern());
        try {
            Set<String> literals = reader.alternation();
            return literals == null || reader.at != reader.expression.length() ? List.of() : List.copyOf(literals);
        } catch (Unreadable | IndexOutOfBoundsException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Branches up to a closing parenthesis or the end: each must need a literal. */
    private Set<String> alternation() {
        Set<String> union = new LinkedHashSet<>();
        boolean everyBranch = true;
        while (true) {
            Set<String> branch = sequence();
            if (branch == null) {
                everyBranch = false;
            } else {
                union.addAll(branch);
            }
            if (at < expression.length() && expression.charAt(at) == '|') {
                at++;
            } else {
                return everyBranch ? union : null;
            }
        }
    }

    /** Parts up to a bar, a closing parenthesis or the end: the most selective one that must match. */
    private Set<String> sequence() {
        Set<String> best = null;
        StringBuilder run = new StringBuilder();
        while (at < expression.length() && expression.charAt(at) != '|' && expression.charAt(at) != ')') {
            char c = expression.charAt(at);
            Set<String> part = null;
            boolean plain = false;
            char literal = 0;
            if (c == '\\') {
                char escaped = expression.charAt(at + 1);
                at += 2;
                if (Character.isLetterOrDigit(escaped)) {
                    skipEscapeArguments(escaped);
                } else {
                    plain = true;
                    literal = escaped;
                }
            } else if (c == '[') {
                skipClass();
            } else if (c == '(') {
                part = group();
            } else if (c == '.' || c == '^' || c == '$') {
                at++;
            } else if ("*+?{".indexOf(c) >= 0) {
                throw new Unreadable();
            } else {
                plain = true;
                literal = c;
                at++;
            }
            Quantifier quantifier = quantifier();
            if (plain && quantifier == Quantifier.NONE) {
                run.append(literal);
                continue;
            }
            if (plain && quantifier == Quantifier.AT_LEAST_ONCE) {
                // the first occurrence belongs to the run; what repeats after it does not
                run.append(literal);
            }
            best = moreSelective(best, run);
            run.setLength(0);
            if (!plain && quantifier != Quantifier.OPTIONAL && part != null && !part.isEmpty()) {
                best = moreSelective(best, part);
            }
        }
        return moreSelective(best, run);
    }

    /** A group's literals; null for a lookaround (it consumes nothing) and for inline flags. */
    private Set<String> group() {
        at++;
        boolean consumes = true;
        if (expression.startsWith("?<=", at) || expression.startsWith("?<!", at)) {
            at += 3;
            consumes = false;
        } else if (expression.startsWith("?=", at) || expression.startsWith("?!", at)) {
            at += 2;
            consumes = false;
        } else if (expression.startsWith("?<", at)) {
            at = expression.indexOf('>', at) + 1;
        } else if (expression.startsWith("?>", at) || expression.startsWith("?:", at)) {
            at += 2;
        } else if (expression.startsWith("?", at)) {
            int flags = at + 1;
            while (INLINE_FLAGS_READ.indexOf(expression.charAt(flags)) >= 0) {
                flags++;
            }
            char after = expression.charAt(flags);
            if (after != ')' && after != ':') {
                throw new Unreadable();
            }
            at = flags + 1;
            if (after == ')') {
                return null;
            }
        }
        Set<String> inner = alternation();
        if (expression.charAt(at) != ')') {
            throw new Unreadable();
        }
        at++;
        return consumes ? inner : null;
    }

    private enum Quantifier { NONE, OPTIONAL, AT_LEAST_ONCE }

    private Quantifier quantifier() {
        if (at >= expression.length()) {
            return Quantifier.NONE;
        }
        char c = expression.charAt(at);
        Quantifier read;
        if (c == '?' || c == '*') {
            read = Quantifier.OPTIONAL;
            at++;
        } else if (c == '+') {
            read = Quantifier.AT_LEAST_ONCE;
            at++;
        } else if (c == '{') {
            int end = expression.indexOf('}', at);
            String minimum = expression.substring(at + 1, end).split(",", -1)[0].strip();
            read = Integer.parseInt(minimum) == 0 ? Quantifier.OPTIONAL : Quantifier.AT_LEAST_ONCE;
            at = end + 1;
        } else {
            return Quantifier.NONE;
        }
        // lazy or possessive
        if (at < expression.length() && (expression.charAt(at) == '?' || expression.charAt(at) == '+')) {
            at++;
        }
        return read;
    }

    /** Past what an escape such as {@code \p{L}}, {@code \x41}, {@code \u00e9} or {@code \12} takes after its letter. */
    private void skipEscapeArguments(char escaped) {
        if (Character.isDigit(escaped)) {
            // a backreference (or \0's octal): every digit that follows may belong to it
            while (at < expression.length() && Character.isDigit(expression.charAt(at))) {
                at++;
            }
        } else if ("pPN".indexOf(escaped) >= 0 || escaped == 'x' && expression.charAt(at) == '{') {
            at = expression.indexOf('}', at) + 1;
        } else if (escaped == 'k') {
            at = expression.indexOf('>', at) + 1;
        } else if (escaped == 'x') {
            at += 2;
        } else if (escaped == 'u') {
            at += 4;
        } else if (escaped == 'c') {
            at += 1;
        }
    }

    private void skipClass() {
        if (expression.startsWith("[]", at) || expression.startsWith("[^]", at)) {
            throw new Unreadable();
        }
        int depth = 0;
        while (true) {
            char c = expression.charAt(at);
            if (c == '\\') {
                at += 2;
                continue;
            }
            at++;
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return;
            }
        }
    }

    private static Set<String> moreSelective(Set<String> best, CharSequence run) {
        return run.isEmpty() ? best : moreSelective(best, Set.of(run.toString()));
    }

    /** The set whose shortest literal is the longest: the rarer in a text. */
    private static Set<String> moreSelective(Set<String> best, Set<String> candidate) {
        if (best == null || shortest(candidate) > shortest(best)) {
            return new LinkedHashSet<>(candidate);
        }
        return best;
    }

    private static int shortest(Set<String> literals) {
        return literals.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Something this reader does not follow: the expression then needs no literal. */
    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }
}
