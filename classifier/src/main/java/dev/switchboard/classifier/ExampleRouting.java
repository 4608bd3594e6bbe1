package dev.switchboard.classifier;

import java.util.List;

/**
 * How the classifier trained on a knowledge base routes that knowledge base's own example phrases, each held out
 * ({@link IntentModel#routeOwnExamples}).
 *
 * @param examples the example phrases checked
 * @param routedRight how many of them were routed to their own intent
 * @param misrouted the others, with the intent they were routed to
 */
public record ExampleRouting(int examples, int routedRight, List<Misrouted> misrouted) {

    public double accuracy() {
        return examples == 0 ? 0 : (double) routedRight / examples;
    }

    public record Misrouted(String example, String intent, String routedTo) {
    }
}
