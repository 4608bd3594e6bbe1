package dev.switchboard.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentModelTest {

    static final int FOLDS = 3;
    static final int DIMENSIONS = 16;
    static final ClassifierSettings SETTINGS = ClassifierSettings.defaults();

    /** Two pairs of look-alike intents, of two agents, so that some held-out examples are routed elsewhere. */
    static final List<String> INTENTS = List.of("slow_internet", "wifi_setup", "autopay_paperless", "payment_methods");

    final SentenceEmbedder embedder = new TopicEmbedder();
    final TrainingExamples training = examples(7);

    @TempDir
    Path cache;

    @Test
    void eachExampleIsRoutedByAModelTrainedWithoutItAndAHeadTrainedWithoutItsFold() {
        // When the model routes its own examples, each held out
        ExampleRouting routing = IntentModel.routeOwnExamples(embedder, training, SETTINGS, TrainedHeads.in(null),
                FOLDS);

        // Then every example is routed as an independent computation routes it: the similarity expert of a model
        // trained on all the other examples, times the head of a model trained without the example's fold
        List<ExampleRouting.Misrouted> expected = new ArrayList<>();
        int right = 0;
        for (String intent : INTENTS) {
            List<String> phrases = training.examples().get(intent);
            for (int p = 0; p < phrases.size(); p++) {
                int position = p;
                float[] x = embedder.embed(phrases.get(p));
                IntentModel withoutIt = new IntentModel(embedder, without(intent, (i, n) -> n == position),
                        SETTINGS, TrainedHeads.in(null));
                IntentModel withoutItsFold = new IntentModel(embedder,
                        without(null, (i, n) -> n % FOLDS == position % FOLDS), SETTINGS, TrainedHeads.in(null));
                double[] similarity = withoutIt.similarity(x);
                double[] head = withoutItsFold.withHead(x, new double[INTENTS.size()]);
                double[] scores = new double[INTENTS.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = similarity[i] + head[i];
                }
                String routed = INTENTS.get(withoutIt.routed(withoutIt.probabilities(scores)));
                if (routed.equals(intent)) {
                    right++;
                } else {
                    expected.add(new ExampleRouting.Misrouted(phrases.get(p), intent, routed));
                }
            }
        }
        assertThat(routing.examples()).isEqualTo(INTENTS.size() * 7);
        assertThat(routing.routedRight()).isEqualTo(right);
        assertThat(routing.misrouted()).containsExactlyElementsOf(expected);
        // And the look-alikes make it a real check: some examples are misrouted, most are not
        assertThat(routing.misrouted()).isNotEmpty();
        assertThat(routing.accuracy()).isGreaterThan(0.5);
    }

    @Test
    void theFoldsHeadsAreKeptSoTheSameExamplesAreCheckedAgainWithoutTraining() throws IOException {
        // Given the examples routed once with a directory for the heads
        ExampleRouting first = IntentModel.routeOwnExamples(embedder, training, SETTINGS, TrainedHeads.in(
                cache.toString()), FOLDS);

        // When they are routed again
        ExampleRouting second = IntentModel.routeOwnExamples(embedder, training, SETTINGS, TrainedHeads.in(
                cache.toString()), FOLDS);

        // Then one head per fold was kept, and the second check reads them back to the same figures
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.toList()).hasSize(FOLDS);
        }
        assertThat(second).isEqualTo(first);
    }

    /** The training examples without those of {@code intent} (null: of every intent) at the positions matched. */
    private TrainingExamples without(String intent, BiPredicate<String, Integer> left) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        training.examples().forEach((i, phrases) -> {
            List<String> kept = new ArrayList<>();
            for (int n = 0; n < phrases.size(); n++) {
                if ((intent != null && !intent.equals(i)) || !left.test(i, n)) {
                    kept.add(phrases.get(n));
                }
            }
            examples.put(i, kept);
        });
        return new TrainingExamples(examples, training.keywords(), training.titles());
    }

    private static TrainingExamples examples(int perIntent) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (String intent : INTENTS) {
            List<String> phrases = new ArrayList<>();
            for (int n = 0; n < perIntent; n++) {
                phrases.add(intent + " phrase " + n);
            }
            examples.put(intent, phrases);
            keywords.put(intent, List.of(intent));
            titles.put(intent, intent);
        }
        return new TrainingExamples(examples, keywords, titles);
    }

    /**
     * Unit vectors near a direction per intent (named by the text's first word), look-alike pairs sharing most of
     * theirs, with noise seeded by the whole text: deterministic, no model.
     */
    static final class TopicEmbedder implements SentenceEmbedder {

        @Override
        public float[] embed(String text) {
            int intent = INTENTS.indexOf(text.split(" ")[0]);
            Random noise = new Random(text.hashCode());
            float[] v = new float[DIMENSIONS];
            v[intent / 2] = 1f;
            v[2 + intent] = 0.35f;
            double norm = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] += (float) (0.25 * noise.nextGaussian());
                norm += v[d] * v[d];
            }
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            return v;
        }

        @Override
        public String modelName() {
            return "topics";
        }
    }
}
