package dev.switchboard.knowledge.retrieval;

import dev.switchboard.language.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage 1, the seed's matching: the category name ("slow_internet" → "slow internet") and the keywords of each
 * intent, normalized, found as whole words in the normalized message; an intent scores the words it matched, so a
 * longer phrase counts more than one common word.
 */
final class KeywordStage {

    private final String[][] phrases;

    KeywordStage(List<IndexedIntent> intents) {
        this.phrases = new String[intents.size()][];
        for (int i = 0; i < intents.size(); i++) {
            Set<String> set = new LinkedHashSet<>();
            set.add(Words.normalize(intents.get(i).id().replace('_', ' ')));
            intents.get(i).entry().keywords().forEach(k -> set.add(Words.normalize(k)));
            List<String> padded = new ArrayList<>();
            set.stream().filter(p -> !p.isEmpty()).forEach(p -> padded.add(" " + p + " "));
            phrases[i] = padded.toArray(String[]::new);
        }
    }

    double[] score(String text) {
        String padded = " " + Words.normalize(text) + " ";
        double[] scores = new double[phrases.length];
        for (int i = 0; i < phrases.length; i++) {
            for (String phrase : phrases[i]) {
                if (padded.contains(phrase)) {
                    scores[i] += phrase.trim().split(" ").length;
                }
            }
        }
        return scores;
    }
}
