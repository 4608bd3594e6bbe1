package dev.switchboard.intent.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.intent.evaluation.RoutingEvaluation.Half;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.intent.routing.RoutingHarness;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The input guardrail as intent-service runs it on every turn (classifier, detectors on its embeddings, default
 * thresholds), in process: no over-blocking (fewer than 1 % of the shared dev sets' messages refused or given the
 * scope reply, every row of the real dev set counted, clear or not, and each half apart) and the project's off-topic
 * set gets the scope reply. The dev sets are required like in RoutingAccuracyIT (skipped without ../shared on a
 * developer's machine, a failure under CI). Only the tuning half's blocked messages are printed.
 */
class GuardrailAccuracyIT {

    static final double OVER_BLOCKING_CEILING = 0.01;
    /** Measured 2026-12-03 (issue 18): see docs/intent-classification.md, "The input guardrail". */
    static final double OFF_TOPIC_FLOOR = 0.94;

    static RoutingHarness harness;

    @BeforeAll
    static void trainOnTheKnowledgeBase() {
        harness = GuardrailSets.harness();
    }

    @Test
    void theSharedDevSetIsNotOverBlocked() {
        RoutingAccuracyIT.required(RoutingAccuracyIT.DEV_SET);
        assertNotOverBlocked("dev_routing.tsv", GuardrailSets.messages(RoutingEvaluation.read(RoutingAccuracyIT.DEV_SET)),
                true);
    }

    @Test
    void theRealDevSetIsNotOverBlocked() {
        RoutingAccuracyIT.required(RoutingAccuracyIT.REAL_DEV_SET);
        List<String> tuning = GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.TUNING);
        List<String> scoring = GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.SCORING);
        assertNotOverBlocked("real_dev_routing.tsv tuning half, all rows", tuning, true);
        assertNotOverBlocked("real_dev_routing.tsv scoring half, all rows", scoring, false);
        assertNotOverBlocked("real_dev_routing.tsv, all rows",
                Stream.concat(tuning.stream(), scoring.stream()).toList(), false);
    }

    @Test
    void theProjectOffTopicSetGetsTheScopeReply() {
        // Given the project's off-topic requests
        List<String> requests = GuardrailSets.lineSet(GuardrailSets.OFF_TOPIC);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(40);

        // When each is routed as a first turn
        Map<String, Guardrail.Outcome> outcomes = requests.stream()
                .collect(Collectors.toMap(m -> m, harness::screen, (a, b) -> a, LinkedHashMap::new));

        // Then (nearly) all get the scope reply, none is refused, none is answered from the knowledge base unseen
        long scoped = outcomes.values().stream().filter(o -> o == Guardrail.Outcome.scope).count();
        System.out.printf(Locale.ROOT, "off_topic.txt: %d of %d get the scope reply (%.3f)%n", scoped,
                requests.size(), scoped / (double) requests.size());
        outcomes.entrySet().stream().filter(e -> e.getValue() != Guardrail.Outcome.scope)
                .forEach(e -> System.out.println("  not scoped (" + e.getValue() + "): " + e.getKey()));
        assertThat(outcomes).doesNotContainValue(Guardrail.Outcome.refused);
        assertThat(scoped / (double) requests.size()).as("off-topic set scope rate")
                .isGreaterThanOrEqualTo(OFF_TOPIC_FLOOR);
    }

    /** @param showBlocked false for the scoring half: its messages are not read, so nothing is tuned on them */
    private static void assertNotOverBlocked(String name, List<String> messages, boolean showBlocked) {
        // Given every message of the set, each as the first turn of its own conversation
        // When the service routes them
        Map<Guardrail.Outcome, Long> outcomes = new EnumMap<>(Guardrail.Outcome.class);
        for (String message : messages) {
            Guardrail.Outcome outcome = harness.screen(message);
            outcomes.merge(outcome, 1L, Long::sum);
            if (showBlocked && (outcome == Guardrail.Outcome.refused || outcome == Guardrail.Outcome.scope)) {
                System.out.println("  " + name + " " + outcome + ": " + message);
            }
        }
        long blocked = outcomes.getOrDefault(Guardrail.Outcome.refused, 0L)
                + outcomes.getOrDefault(Guardrail.Outcome.scope, 0L);
        double share = blocked / (double) messages.size();
        System.out.printf(Locale.ROOT, "%s: %d messages, %s; refused or scope %d (%.4f)%n", name, messages.size(),
                outcomes, blocked, share);

        // Then fewer than 1 % are refused or declined
        assertThat(share).as(name + " refused or scope share").isLessThan(OVER_BLOCKING_CEILING);
    }
}
