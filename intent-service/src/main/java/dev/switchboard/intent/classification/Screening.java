package dev.switchboard.intent.classification;

/**
 * What the input guardrail's detectors found in a message, measured on the embeddings the classifier computed for it
 * (no second model run): the routing decides with its thresholds (intent-service's guardrail package).
 *
 * @param rules a lexical injection rule matched (module language's {@code InjectionRules})
 * @param attack how much more the message (whole, or its likeliest-attack sentence) resembles the example attacks
 *     than the ordinary requests: the mean cosine of the 3 nearest of each, subtracted; -2 to 2
 * @param offTopic the same for the off-topic examples against the knowledge base's examples
 * @param learned the learned attack detector's probability that the message (whole, or its likeliest-attack
 *     sentence) is an attack; 0 to 1
 */
public record Screening(boolean rules, double attack, double offTopic, double learned) {

    /** A classification made without the detectors (a stand-in classifier): nothing found. */
    public static final Screening NONE = new Screening(false, -2, -2, 0);
}
