package dev.switchboard.intent.classification;

import dev.switchboard.events.Agent;
import dev.switchboard.schemas.Taxonomy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores each intent by how many words of its taxonomy scope the message shares: the simple keyword-overlap baseline
 * the system started with. Messages that share nothing are {@code unknown}, routed to the general agent.
 */
public class KeywordOverlapClassifier implements IntentClassifier {

    static final String VERSION = "keyword-overlap-1";

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "the", "or", "of", "to", "in", "on", "at",
            "for", "with", "no", "not", "is", "are", "my", "me", "i", "it", "its", "by", "from", "as", "be", "yet",
            "that", "this", "what", "how", "do", "does", "can", "new", "all", "any");

    private final Map<String, Set<String>> keywordsByIntent = new HashMap<>();

    public KeywordOverlapClassifier() {
        Taxonomy.intents().forEach((id, intent) -> {
            Set<String> keywords = new HashSet<>(words(intent.scope()));
            keywords.addAll(words(id.replace('_', ' ')));
            keywordsByIntent.put(id, keywords);
        });
    }

    @Override
    public Classification classify(String message) {
        Set<String> words = new HashSet<>(words(message));
        List<Classification.Candidate> ranked = keywordsByIntent.entrySet().stream()
                .map(e -> new Classification.Candidate(e.getKey(), Taxonomy.agentOf(e.getKey()),
                        overlap(words, e.getValue())))
                .filter(c -> c.score() > 0)
                .sorted(Comparator.comparingDouble(Classification.Candidate::score).reversed()
                        .thenComparing(Classification.Candidate::intent))
                .limit(3)
                .toList();
        if (ranked.isEmpty()) {
            return new Classification(Taxonomy.UNKNOWN, Agent.general, 0.0, List.of(), VERSION, new float[0], List.of());
        }
        Classification.Candidate best = ranked.get(0);
        return new Classification(best.intent(), best.agent(), best.score(), ranked, VERSION, new float[0], List.of());
    }

    /** Share of the message's words that are keywords of the intent, so long messages are not favoured. */
    private static double overlap(Set<String> words, Set<String> keywords) {
        if (words.isEmpty()) {
            return 0;
        }
        long shared = words.stream().filter(keywords::contains).count();
        return shared == 0 ? 0 : Math.min(1.0, 0.5 + (double) shared / words.size());
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+"))
                .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w))
                .collect(Collectors.toList());
    }
}
