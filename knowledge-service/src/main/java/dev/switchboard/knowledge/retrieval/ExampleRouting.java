package dev.switchboard.knowledge.retrieval;

import java.util.List;

/**
 * How a knowledge base routes its own example phrases, each left out in turn (KnowledgeIndex.routeExamples).
 *
 * @param examples the example phrases checked
 * @param routedRight how many of them their own intent scored highest for
 * @param misrouted the others, with the intent that won
 */
public record ExampleRouting(int examples, int routedRight, List<Misrouted> misrouted) {

    public double accuracy() {
        return examples == 0 ? 0 : (double) routedRight / examples;
    }

    public record Misrouted(String example, String intent, String routedTo) {
    }
}
