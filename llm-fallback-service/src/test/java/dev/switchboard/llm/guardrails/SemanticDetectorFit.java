package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.guardrail.Exemplars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes whether the lexical rules flag each development message as an injection and the semantic detector's score
 * for k = 1, 3 and 5, to choose k and the
 * threshold: the attacks and look-alikes of the guardrail rounds written before the detector (1 to 4), and the
 * project's labelled customer messages (routing, retrieval and long-story test sets, dev_routing.tsv), which it must
 * not block. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl llm-fallback-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp llm-fallback-service/target/test-classes:llm-fallback-service/target/classes:$(cat \
 *   llm-fallback-service/target/cp.txt) dev.switchboard.llm.guardrails.SemanticDetectorFit target/semantic-scores.tsv
 * </pre>
 *
 * With {@code --score "message" ...} instead of a file, prints the score of each message (of each line of the
 * standard input without messages).
 */
final class SemanticDetectorFit {

    private SemanticDetectorFit() {
    }

    record Labelled(String set, boolean attack, String text) {
    }

    public static void main(String[] args) throws IOException {
        SentenceEmbedder model = Embedders.onnx(2);
        Map<String, float[]> seen = new ConcurrentHashMap<>();
        SentenceEmbedder cached = new SentenceEmbedder() {
            @Override
            public float[] embed(String text) {
                return seen.computeIfAbsent(text, model::embed);
            }

            @Override
            public String modelName() {
                return model.modelName();
            }
        };
        List<String> attacks = Exemplars.lines(Exemplars.ATTACKS);
        List<String> requests = Exemplars.requests(TrainingExamples.fromClassPath());
        if (args[0].equals("--score")) {
            SemanticInjectionDetector detector = new SemanticInjectionDetector(cached, attacks, requests,
                    Exemplars.NEAREST, 0, 0);
            List<String> messages = args.length > 1 ? List.of(args).subList(1, args.length)
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
            messages.forEach(message -> System.out.printf("%.4f\t%s%n", detector.score(message), message));
            return;
        }
        List<SemanticInjectionDetector> detectors = List.of(1, 3, 5).stream()
                .map(k -> new SemanticInjectionDetector(cached, attacks, requests, k, 0, 0)).toList();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            InputGuardrail rules = new InputGuardrail(0.35);
            out.println("set\tattack\tlexical\tk1\tk3\tk5\ttext");
            for (Labelled message : messages()) {
                // with an intent the lexical rules never decline as off-topic: only their injection patterns count
                boolean lexical = rules.check(message.text(), "any", List.of()).isPresent();
                StringBuilder line = new StringBuilder(message.set() + "\t" + message.attack() + "\t" + lexical);
                for (SemanticInjectionDetector detector : detectors) {
                    line.append('\t').append(String.format("%.4f", detector.score(message.text())));
                }
                out.println(line.append('\t').append(message.text().replace('\n', ' ')));
            }
        }
    }

    static List<Labelled> messages() throws IOException {
        List<Labelled> messages = new ArrayList<>();
        add(messages, "round1", true, GuardrailAccuracyTest.ATTACKS);
        add(messages, "round1", false, GuardrailAccuracyTest.BENIGN);
        add(messages, "round2", true, GuardrailAccuracyTest.ROUND_2_ATTACKS);
        add(messages, "round2", false, GuardrailAccuracyTest.ROUND_2_BENIGN);
        add(messages, "round3", true, GuardrailAccuracyTest.ROUND_3_ATTACKS);
        add(messages, "round3", false, GuardrailAccuracyTest.ROUND_3_BENIGN);
        add(messages, "round4", true, GuardrailAccuracyTest.ROUND_4_ATTACKS);
        add(messages, "round4", false, GuardrailAccuracyTest.ROUND_4_BENIGN);
        add(messages, "routing_test", false, lastColumn("intent-service/src/test/resources/eval/routing_test.tsv"));
        add(messages, "retrieval_test", false, lastColumn("knowledge-service/src/test/resources/eval/retrieval_test.tsv"));
        add(messages, "long_stories", false, lastColumn("knowledge-service/src/test/resources/eval/long_stories.tsv"));
        add(messages, "dev_routing", false, lastColumn("../shared/data/dev_routing.tsv"));
        add(messages, "off_topic", false, lastColumn("knowledge-service/src/test/resources/eval/off_topic.tsv"));
        return messages;
    }

    private static void add(List<Labelled> messages, String set, boolean attack, List<String> texts) {
        texts.forEach(text -> messages.add(new Labelled(set, attack, text)));
    }

    private static List<String> lastColumn(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return List.of();
        }
        return Files.readAllLines(path).stream().skip(1).filter(line -> !line.isBlank())
                .map(line -> line.substring(line.lastIndexOf('\t') + 1)).toList();
    }
}
