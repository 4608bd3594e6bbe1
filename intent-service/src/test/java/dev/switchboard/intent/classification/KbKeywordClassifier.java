package dev.switchboard.intent.classification;

import dev.switchboard.events.Agent;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.Words;
import dev.switchboard.schemas.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's other baseline: counts which intent's knowledge-base keywords occur in the message. Kept for the
 * evaluation report, beside the keyword-overlap and embedding classifiers.
 */
public class KbKeywordClassifier implements IntentClassifier {

    static final String VERSION = "kb-keywords-1";

    private final Map<String, List<String>> keywords;

    public KbKeywordClassifier(TrainingExamples examples) {
        this.keywords = examples.keywords();
    }

    @Override
    public Classification classify(String message) {
        String text = " " + Words.normalize(message) + " ";
        List<Classification.Candidate> ranked = new ArrayList<>();
        keywords.forEach((intent, words) -> {
            long hits = words.stream().filter(k -> text.contains(" " + k.toLowerCase(Locale.ROOT) + " ")).count();
            if (hits > 0) {
                ranked.add(new Classification.Candidate(intent, Taxonomy.agentOf(intent), hits));
            }
        });
        ranked.sort(Comparator.comparingDouble(Classification.Candidate::score).reversed()
                .thenComparing(Classification.Candidate::intent));
        if (ranked.isEmpty()) {
            return new Classification(Taxonomy.UNKNOWN, Agent.general, 0.0, List.of(), VERSION, new float[0], List.of());
        }
        Classification.Candidate best = ranked.get(0);
        return new Classification(best.intent(), best.agent(), 1.0, ranked.subList(0, Math.min(3, ranked.size())),
                VERSION, new float[0], List.of());
    }
}
