package dev.switchboard.classifier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the embedding classifier; the defaults were fitted by leave-one-out on the knowledge-base examples (see
 * docs/intent-classification.md), never on a test set.
 *
 * @param temperature softmax temperature over the intent scores (calibration)
 * @param confidenceThreshold below it the intent is {@code unknown} and only the agent is routed
 * @param similarityFloor below this best intent score the message resembles nothing the service handles: off-topic
 * @param sentenceWeight weight of the best single sentence against the whole message, for long messages
 * @param shortMessageWords messages up to this many words get the keyword boost
 * @param keywordBoost added to an intent's score when a KB keyword of it occurs in a short message
 * @param headWeight exponent of the logistic-regression head in the product with the similarity expert; 0 = off
 * @param secondaryConfidence a sentence whose own best intent is at least this probable names a secondary issue
 */
@ConfigurationProperties("switchboard.classifier")
public record ClassifierSettings(@DefaultValue("0.035") double temperature,
        @DefaultValue("0.2") double confidenceThreshold, @DefaultValue("0.30") double similarityFloor,
        @DefaultValue("0.5") double sentenceWeight, @DefaultValue("4") int shortMessageWords,
        @DefaultValue("0.08") double keywordBoost, @DefaultValue("1.0") double headWeight,
        @DefaultValue("0.6") double secondaryConfidence) {

    public static ClassifierSettings defaults() {
        return new ClassifierSettings(0.035, 0.2, 0.30, 0.5, 4, 0.08, 1.0, 0.6);
    }
}
