package dev.switchboard.intent.evaluation;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.classification.Screening;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.intent.routing.RoutingHarness;
import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Over-blocking on the shared public sets (docs/intent-classification.md): each message of a CSV column routed as a
 * first turn through the classifier and the guardrail; prints the outcomes and the messages refused, with their
 * learned and attack scores. Run from the
 * intent-service directory with {@code RoutingEvaluation}'s class path.
 */
public final class PublicSetsScreening {

    private static final Path PUBLIC = Path.of("../../shared/data/public");
    private static EmbeddingIntentClassifier classifier;

    public static void main(String[] args) {
        TrainingExamples training = TrainingExamples.fromClassPath();
        classifier = new EmbeddingIntentClassifier(Embedders.onnx(2), training, ClassifierSettings.defaults());
        RoutingHarness harness = new RoutingHarness(classifier, training.titles());
        screen(harness, "telecom_tweets.csv", "text");
        screen(harness, "clinc150_billing_account_subset.csv", "text");
        screen(harness, "clinc150_oos.csv", "text");
        screen(harness, "multidogo_media_intents.csv", "utterance");
    }

    private static void screen(RoutingHarness harness, String file, String column) {
        List<List<String>> rows = csv(PUBLIC.resolve(file));
        int at = rows.get(0).indexOf(column);
        Map<Guardrail.Outcome, Integer> outcomes = new EnumMap<>(Guardrail.Outcome.class);
        List<String> refused = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() <= at || row.get(at).isBlank()) {
                continue;
            }
            Guardrail.Outcome outcome = harness.screen(row.get(at));
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome == Guardrail.Outcome.refused) {
                refused.add(row.get(at));
            }
        }
        System.out.println(file + ": " + outcomes);
        Guardrail.Settings settings = Guardrail.Settings.defaults();
        refused.forEach(m -> {
            Screening found = classifier.classify(m).screening();
            System.out.printf(Locale.ROOT, "    refused (learned %.3f, attack %.3f, combined %.3f): %s%n", found.learned(),
                    found.attack(), found.learned() + settings.attackWeight() * found.attack(), m.replace('\n', ' '));
        });
    }

    /** Comma-separated rows, fields in double quotes may hold commas, new lines and doubled quotes. */
    private static List<List<String>> csv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
