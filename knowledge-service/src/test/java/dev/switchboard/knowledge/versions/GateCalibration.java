package dev.switchboard.knowledge.versions;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.ExampleRouting;
import dev.switchboard.classifier.IntentModel;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.retrieval.KnowledgeIndex;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures the accuracy gate's defaults were chosen from (docs/knowledge-retrieval.md, "The accuracy gate"): how
 * the classifier trained on the shipped knowledge base routes its own examples, how much harmless edits move that
 * share (new examples, and the same examples in another order, which deals them into other folds), and how far
 * deliberately damaged versions fall, each with the time the gate takes (no heads kept, as for a new version).
 *
 * <pre>
 * ./mvnw -q -o -pl knowledge-service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * CP=knowledge-service/target/test-classes:knowledge-service/target/classes:$(cat knowledge-service/target/cp.txt)
 * java -cp "$CP" dev.switchboard.knowledge.versions.GateCalibration
 * </pre>
 */
public final class GateCalibration {

    private GateCalibration() {
    }

    public static void main(String[] args) {
        KnowledgeBase shipped = new KnowledgeBaseLoader(JsonMapper.builder().build())
                .loadClasspath("knowledge-base.json");
        SentenceEmbedder embeddings = KnowledgeIndex.build(shipped, Embedders.onnx(2), RetrievalSettings.defaults())
                .embeddings();
        Map<String, UnaryOperator<KnowledgeBase>> versions = new LinkedHashMap<>();
        versions.put("shipped", kb -> kb);
        versions.put("shipped, every intent's examples in reverse order", kb -> edited(kb, (intent, examples) -> {
            List<String> reversed = new ArrayList<>(examples);
            Collections.reverse(reversed);
            return reversed;
        }));
        versions.put("+ 3 examples of store_locations_hours (the system test's)", kb -> edited(kb,
                (intent, examples) -> intent.equals("store_locations_hours") ? plus(examples,
                        "zorblax quimble frandle", "where is the zorblax quimble frandle",
                        "zorblax quimble frandle opening hours") : examples));
        versions.put("- the first example of every intent", kb -> edited(kb,
                (intent, examples) -> examples.subList(1, examples.size())));
        versions.put("damaged: wifi_setup's examples are autopay_paperless's", kb -> edited(kb,
                (intent, examples) -> intent.equals("wifi_setup") ? kb.entries().get("autopay_paperless").examples()
                        : examples));
        versions.put("damaged: half of slow_internet's examples filed under internet_outage", kb -> {
            List<String> slow = kb.entries().get("slow_internet").examples();
            return edited(kb, (intent, examples) -> switch (intent) {
                case "slow_internet" -> slow.subList(0, slow.size() / 2);
                case "internet_outage" -> plus(examples, slow.subList(slow.size() / 2, slow.size())
                        .toArray(String[]::new));
                default -> examples;
            });
        });
        versions.put("damaged: plan_change's examples are also promotion_ending's", kb -> edited(kb,
                (intent, examples) -> intent.equals("promotion_ending") ? plus(examples,
                        kb.entries().get("plan_change").examples().toArray(String[]::new)) : examples));
        for (Map.Entry<String, UnaryOperator<KnowledgeBase>> version : versions.entrySet()) {
            long started = System.nanoTime();
            ExampleRouting routing = IntentModel.routeOwnExamples(embeddings,
                    AccuracyGate.trainingExamples(version.getValue().apply(shipped)), ClassifierSettings.defaults(),
                    TrainedHeads.in(null), AccuracyGate.FOLDS);
            System.out.printf(Locale.ROOT, "%-70s %4d of %4d = %.3f  in %5.1f s%n", version.getKey(),
                    routing.routedRight(), routing.examples(), routing.accuracy(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private static KnowledgeBase edited(KnowledgeBase kb, BiFunction<String, List<String>, List<String>> examples) {
        Map<String, KnowledgeBase.Entry> entries = new LinkedHashMap<>();
        kb.entries().forEach((intent, e) -> entries.put(intent, new KnowledgeBase.Entry(e.intent(), e.agent(),
                e.title(), e.keywords(), e.response(), e.confidence(), examples.apply(intent, e.examples()),
                e.articles(), e.followUps())));
        return new KnowledgeBase(kb.version(), entries);
    }

    private static List<String> plus(List<String> examples, String... more) {
        List<String> all = new ArrayList<>(examples);
        all.addAll(List.of(more));
        return all;
    }
}
