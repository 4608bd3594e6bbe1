package dev.switchboard.intent.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.language.guardrail.InjectionRules;
import dev.switchboard.language.guardrail.PrefilteredPattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every expression of the guardrail's rules and signals gives, skipped by its literals or not, the answer of its own
 * matcher on every message the project holds (attacks, look-alikes, blind rounds, real complaints and tweets, other
 * languages), read as the rules and signals read them (lower case).
 */
class GuardrailPatternsPrefilterIT {

    private static final List<Path> CORPORA = List.of(Path.of("src/test/resources/eval"),
            Path.of("src/main/resources/guardrail"), Path.of("../language/src/main/resources/guardrails"),
            Path.of("../../shared/data"));

    @Test
    void aSkippedExpressionWouldHaveFoundNothing() {
        // Given the guardrail's expressions and the project's messages
        List<PrefilteredPattern> patterns = new ArrayList<>(staticPatterns(InjectionRules.class));
        patterns.addAll(staticPatterns(AttackSignals.class));
        List<String> texts = texts();

        // When each expression is asked of each text
        List<String> wrong = new ArrayList<>();
        long skipped = 0;
        long found = 0;
        Set<PrefilteredPattern> firing = new HashSet<>();
        for (PrefilteredPattern pattern : patterns) {
            for (String text : texts) {
                // find(text) is mayMatch(text) && matches: it differs from the matcher only on a skipped match
                boolean matches = pattern.pattern().matcher(text).find();
                boolean mayMatch = pattern.mayMatch(text);
                if (matches && !mayMatch) {
                    wrong.add(pattern.pattern().pattern() + " on " + text);
                }
                skipped += mayMatch ? 0 : 1;
                found += matches ? 1 : 0;
                if (matches) {
                    firing.add(pattern);
                }
            }
        }

        // Then no answer differs, on a corpus that makes nearly every expression match somewhere, and most runs are
        // skipped
        assertThat(wrong).isEmpty();
        assertThat(patterns).hasSizeGreaterThan(100);
        assertThat(texts).hasSizeGreaterThan(5_000);
        assertThat(found).isGreaterThan(500);
        assertThat(firing.size()).isGreaterThan(patterns.size() * 9 / 10);
        assertThat(skipped).isGreaterThan((long) patterns.size() * texts.size() * 8 / 10);
    }

    @SuppressWarnings("unchecked")
    private static List<PrefilteredPattern> staticPatterns(Class<?> owner) {
        List<PrefilteredPattern> patterns = new ArrayList<>();
        for (Field field : owner.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            try {
                Object value = field.get(null);
                if (value instanceof PrefilteredPattern pattern) {
                    patterns.add(pattern);
                } else if (value instanceof List<?> list && !list.isEmpty()
                        && list.get(0) instanceof PrefilteredPattern) {
                    patterns.addAll((List<PrefilteredPattern>) list);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return patterns;
    }

    /**
     * Every distinct cell of every text file, lower-cased as the rules and signals read a message. Not the first runs'
     * JSON lines: their messages are the rounds' own files, and the rest is the replies, which the guardrail never reads
     * (a third of the characters, and of this test's time).
     */
    private static List<String> texts() {
        Set<String> texts = new LinkedHashSet<>();
        for (Path corpus : CORPORA.stream().filter(Files::isDirectory).toList()) {
            try (Stream<Path> files = Files.walk(corpus)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(txt|tsv|csv)$")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        for (String cell : line.split("\t")) {
                            if (cell.length() > 3) {
                                texts.add(cell.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(texts);
    }
}
