package dev.switchboard.language.guardrail;

import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guardrail's example phrases, shipped with this module (one per line, {@code # } comments), written for the
 * detectors and never copied from a test round or the shared dev sets.
 */
public final class Exemplars {

    /** Attacks on the assistant, in the families of docs/llm-fallback.md. */
    public static final String ATTACKS = "guardrails/attack-exemplars.txt";
    /** Ordinary requests that share words with attacks, complaints, other languages, a few everyday questions. */
    public static final String REQUESTS = "guardrails/benign-exemplars.txt";
    /** Requests outside the service (poems, weather, homework, recipes ...), for the scope reply. */
    public static final String OFF_TOPIC = "guardrails/off-topic-exemplars.txt";
    /** Nearest examples each score averages over (fitted for the attack detector, docs/llm-fallback.md). */
    public static final int NEAREST = 3;

    private Exemplars() {
    }

    /**
     * The ordinary requests an attack is told apart from: the shipped look-alikes plus every customer example of a
     * knowledge base version (the intent classifier's training set), so a question about any intent has a close one.
     */
    public static List<String> requests(TrainingExamples knowledgeBase) {
        List<String> requests = new ArrayList<>(lines(REQUESTS));
        requests.addAll(customerExamples(knowledgeBase));
        return requests;
    }

    /** Every example phrase of a knowledge base version, intent by intent. */
    public static List<String> customerExamples(TrainingExamples knowledgeBase) {
        return knowledgeBase.examples().values().stream().flatMap(List::stream).toList();
    }

    public static List<String> lines(String resource) {
        try (InputStream stream = open(resource)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("# ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream stream = Exemplars.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        return stream;
    }
}
