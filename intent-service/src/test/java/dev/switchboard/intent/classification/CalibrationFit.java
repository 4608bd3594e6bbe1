package dev.switchboard.intent.classification;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.IntentModel;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.intent.evaluation.RealDevExperiment;
import dev.switchboard.language.TrainingExamples;
import java.util.Arrays;
import java.util.Locale;

/**
 * Fits the softmax temperature and reports the confidence and similarity thresholds by leave-one-out over the
 * knowledge-base examples (never over a test set). Prints the numbers docs/intent-classification.md records; of
 * MiniLM, or of bge-small-en-v1.5 with {@code -Dmodel=bge}.
 *
 * <pre>
 * java -cp intent-service/target/test-classes:intent-service/target/classes:$(cat intent-service/target/cp.txt) \
 *   dev.switchboard.intent.classification.CalibrationFit
 * </pre>
 */
public final class CalibrationFit {

    private CalibrationFit() {
    }

    public static void main(String[] args) {
        IntentModel model = new IntentModel(RealDevExperiment.chosenModel(), TrainingExamples.fromClassPath(),
                ClassifierSettings.defaults(), TrainedHeads.in(null));
        IntentModel.LeaveOneOut loo = model.leaveOneOut();
        double[][] scores = loo.scores();
        int[] labels = loo.labels();
        int n = labels.length;
        int correct = 0;
        double[] topScores = new double[n];
        for (int e = 0; e < n; e++) {
            int best = argmax(scores[e]);
            correct += best == labels[e] ? 1 : 0;
            topScores[e] = scores[e][best];
        }
        System.out.printf(Locale.ROOT, "leave-one-out top-1 accuracy %.3f over %d examples%n", correct / (double) n, n);
        double bestT = 0;
        double bestNll = Double.MAX_VALUE;
        for (double t = 0.0025; t <= 0.2; t += 0.0025) {
            double nll = 0;
            for (int e = 0; e < n; e++) {
                nll -= Math.log(Math.max(1e-12, IntentModel.softmax(scores[e], t)[labels[e]]));
            }
            if (nll < bestNll) {
                bestNll = nll;
                bestT = t;
            }
        }
        System.out.printf(Locale.ROOT, "temperature minimising leave-one-out NLL: %.4f (mean NLL %.3f)%n", bestT, bestNll / n);
        // reliability: accuracy per confidence bin at the fitted temperature
        int[] binCount = new int[5];
        int[] binCorrect = new int[5];
        double[] confidences = new double[n];
        for (int e = 0; e < n; e++) {
            double[] p = IntentModel.softmax(scores[e], bestT);
            int best = argmax(p);
            confidences[e] = p[best];
            int bin = Math.min(4, (int) (p[best] * 5));
            binCount[bin]++;
            binCorrect[bin] += best == labels[e] ? 1 : 0;
        }
        for (int b = 0; b < 5; b++) {
            System.out.printf(Locale.ROOT, "  confidence %.1f-%.1f: n=%d accuracy=%.2f%n", b / 5.0, (b + 1) / 5.0,
                    binCount[b], binCount[b] == 0 ? Double.NaN : binCorrect[b] / (double) binCount[b]);
        }
        Arrays.sort(topScores);
        System.out.printf(Locale.ROOT, "best intent score of in-scope examples: p1=%.3f p2=%.3f p5=%.3f median=%.3f%n",
                topScores[(int) (n * 0.01)], topScores[(int) (n * 0.02)], topScores[(int) (n * 0.05)], topScores[n / 2]);
        // the confidence threshold: below it, fewer than half of the leave-one-out predictions are right
        for (double threshold = 0.1; threshold <= 0.61; threshold += 0.05) {
            int below = 0;
            int belowCorrect = 0;
            for (int e = 0; e < n; e++) {
                if (confidences[e] < threshold) {
                    below++;
                    int best = argmax(scores[e]);
                    belowCorrect += best == labels[e] ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "  threshold %.2f: %d examples below, %.2f of them right%n", threshold, below,
                    below == 0 ? Double.NaN : belowCorrect / (double) below);
        }
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
