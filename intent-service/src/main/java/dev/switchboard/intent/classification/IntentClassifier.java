package dev.switchboard.intent.classification;

/** Decides which intent of the taxonomy a customer message expresses and which agent handles it. */
public interface IntentClassifier {

    Classification classify(String message);
}
