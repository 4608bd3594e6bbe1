package dev.switchboard.knowledge.evaluation;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.answering.UncoveredQuestions;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.retrieval.KnowledgeIndex;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import dev.switchboard.knowledge.retrieval.Stage;
import dev.switchboard.schemas.Taxonomy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retrieval evaluation command: runs a TSV of labelled messages through the knowledge index and prints, per stage
 * and fused, hit@1, hit@3 and MRR of the expected intent over the in-KB messages, the fraction sent to the fallback,
 * and how many off-topic messages (expected intent {@code unknown}) would get a knowledge-base answer. The TSV has a
 * header line and either {@code intent<TAB>message} or {@code agent<TAB>intent<TAB>message} rows. No routed intent is
 * given: this measures retrieval alone, as the search API uses it (the chat path adds the classifier as a prior).
 *
 * <pre>
 * ./mvnw -q -pl knowledge-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp knowledge-service/target/test-classes:knowledge-service/target/classes:$(cat knowledge-service/target/cp.txt) \
 *   dev.switchboard.knowledge.evaluation.RetrievalEvaluation ../shared/data/dev_routing.tsv [more.tsv ...] [--misses] \
 *   [--calibrate] [--features] [--no-answer [--uncovered=words,similarity,kept,rare,covered]]
 * </pre>
 */
public final class RetrievalEvaluation {

    /** A labelled message; {@code intent} is {@code unknown} for an off-topic one. */
    public record Row(String intent, String message) {

        boolean offTopic() {
            return intent.equals(Taxonomy.UNKNOWN);
        }

        /** Answered from the knowledge base when right: every intent but the escalation. */
        boolean inKb() {
            return !offTopic() && !intent.equals(Taxonomy.HUMAN_HANDOFF);
        }
    }

    /** The numbers of one stage over one set. */
    public record Score(Stage stage, int inKb, double hit1, double hit3, double mrr, double fallback,
            double answeredRight, int offTopic, double offTopicAnswered) {

        String line() {
            return String.format(Locale.ROOT,
                    "  %-8s in-KB n=%3d  hit@1=%.3f  hit@3=%.3f  MRR=%.3f  fallback=%.3f  answered-right=%.3f"
                            + "  | off-topic n=%2d answered=%.3f",
                    stage.tag(), inKb, hit1, hit3, mrr, fallback, answeredRight, offTopic, offTopicAnswered);
        }
    }

    /** Scores of every stage over one set, with the in-KB messages the fusion got wrong. */
    public record Report(String name, Map<Stage, Score> scores, List<String> misses) {

        public Score of(Stage stage) {
            return scores.get(stage);
        }

        public String summary() {
            StringBuilder out = new StringBuilder(name).append('\n');
            scores.values().forEach(s -> out.append(s.line()).append('\n'));
            return out.toString();
        }
    }

    private RetrievalEvaluation() {
    }

    /** The label is the column headed {@code intent} (the real dev set has more columns), else the next to last. */
    public static List<Row> read(Path tsv) {
        try {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            int intentColumn = Arrays.asList(lines.get(0).split("\t")).indexOf("intent");
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t");
                if (cells.length >= 2 && !cells[cells.length - 1].isBlank()) {
                    String label = cells[intentColumn >= 0 ? intentColumn : cells.length - 2];
                    rows.add(new Row(label.trim(), cells[cells.length - 1].trim()));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KnowledgeIndex index(SentenceEmbedder embedder, RetrievalSettings settings) {
        KnowledgeBase kb = new KnowledgeBaseLoader(JsonMapper.builder().build()).loadClasspath("knowledge-base.json");
        return KnowledgeIndex.build(kb, embedder, settings);
    }

    public static Report run(String name, List<Row> rows, KnowledgeIndex index) {
        List<Retrieval> results = rows.stream().map(r -> index.retrieve(r.message(), null, Map.of())).toList();
        return report(name, rows, results, index.settings());
    }

    static Report report(String name, List<Row> rows, List<Retrieval> results, RetrievalSettings settings) {
        Map<Stage, Score> scores = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            int inKb = 0;
            int offTopic = 0;
            double hit1 = 0;
            double hit3 = 0;
            double mrr = 0;
            double fallback = 0;
            double right = 0;
            double offAnswered = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Retrieval r = results.get(i);
                List<String> ranking = ranking(stage, r);
                boolean answers = answers(stage, r, settings);
                if (row.offTopic()) {
                    offTopic++;
                    offAnswered += answers ? 1 : 0;
                    continue;
                }
                if (!row.inKb()) {
                    continue;
                }
                inKb++;
                int rank = ranking.indexOf(row.intent());
                hit1 += rank == 0 ? 1 : 0;
                hit3 += rank >= 0 && rank < 3 ? 1 : 0;
                mrr += rank >= 0 ? 1.0 / (rank + 1) : 0;
                fallback += answers ? 0 : 1;
                right += answers && rank == 0 ? 1 : 0;
            }
            scores.put(stage, new Score(stage, inKb, hit1 / inKb, hit3 / inKb, mrr / inKb, fallback / inKb,
                    right / inKb, offTopic, offTopic == 0 ? Double.NaN : offAnswered / offTopic));
        }
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Retrieval r = results.get(i);
            boolean answers = answers(Stage.FUSED, r, settings);
            String best = r.best().map(Retrieval.RankedIntent::intent).orElse("-");
            if ((row.inKb() && (!answers || !best.equals(row.intent()))) || (row.offTopic() && answers)) {
                misses.add(String.format(Locale.ROOT, "    %s -> %s%s (score %.2f, similarity %.2f): %s", row.intent(),
                        best, answers ? "" : " [fallback]", r.confidence(), r.best().get().similarity(),
                        row.message().length() > 140 ? row.message().substring(0, 140) + "..." : row.message()));
            }
        }
        return new Report(name, scores, misses);
    }

    private static List<String> ranking(Stage stage, Retrieval r) {
        return stage == Stage.FUSED ? r.intents().stream().map(Retrieval.RankedIntent::intent).toList()
                : r.stageRankings().get(stage);
    }

    /** A single stage "answers" when it found anything (vector: above the similarity floor); the fusion decides. */
    private static boolean answers(Stage stage, Retrieval r, RetrievalSettings settings) {
        switch (stage) {
            case FUSED:
                return r.confident();
            case VECTOR:
                return r.intents().stream().mapToDouble(Retrieval.RankedIntent::similarity).max().orElse(0)
                        >= settings.similarityFloor();
            default:
                return !r.stageRankings().get(stage).isEmpty();
        }
    }

    /**
     * The decision's calibration: over labelled in-KB and off-topic messages, every pair of answer threshold and
     * similarity floor on a grid, with the share of in-KB messages answered with the right intent and the share of
     * off-topic ones answered at all. The chosen pair keeps off-topic answers at (nearly) zero and answers the most.
     */
    static String calibrate(List<Row> rows, KnowledgeIndex index) {
        List<Retrieval> results = rows.stream().map(r -> index.retrieve(r.message(), null, Map.of())).toList();
        StringBuilder out = new StringBuilder("  threshold floor  answered-right  off-topic-answered\n");
        for (double floor = 0.30; floor <= 0.601; floor += 0.05) {
            for (double threshold = 0.3; threshold <= 0.901; threshold += 0.1) {
                int inKb = 0;
                int right = 0;
                int off = 0;
                int offAnswered = 0;
                for (int i = 0; i < rows.size(); i++) {
                    Retrieval.RankedIntent best = results.get(i).best().orElseThrow();
                    boolean answers = best.score() >= threshold && best.similarity() >= floor;
                    if (rows.get(i).offTopic()) {
                        off++;
                        offAnswered += answers ? 1 : 0;
                    } else if (rows.get(i).inKb()) {
                        inKb++;
                        right += answers && best.intent().equals(rows.get(i).intent()) ? 1 : 0;
                    }
                }
                out.append(String.format(Locale.ROOT, "  %9.2f %5.2f  %14.3f  %18.3f%n", threshold, floor,
                        right / (double) inKb, offAnswered / (double) Math.max(1, off)));
            }
        }
        return out.toString();
    }

    /**
     * What the decisions read, one line per message: its label, the best intent, its fused score and similarity and
     * whether the knowledge base answers by itself. The no-answer bounds were chosen from these lines over the dev
     * sets (docs/knowledge-retrieval.md, "No answer").
     */
    static String features(List<Row> rows, KnowledgeIndex index) {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            Retrieval r = index.retrieve(row.message(), null, Map.of());
            Retrieval.RankedIntent best = r.best().orElseThrow();
            out.append(String.format(Locale.ROOT, "%s\t%s\t%.3f\t%.3f\t%s\t%s%n", row.intent(), best.intent(),
                    best.score(), best.similarity(), r.confident(), row.message()));
        }
        return out.toString();
    }

    /** The shipped no-answer bounds and uncovered-question settings (application.yml). */
    static final double NO_ANSWER_SCORE = 0.6;
    static final double NO_ANSWER_SIMILARITY = 0.35;
    public static final UncoveredQuestions.Settings UNCOVERED = new UncoveredQuestions.Settings(22, 0.6, 0.8, 2, 0.55);

    /**
     * Who gets the honest reply over one set, before (the no-answer bounds alone) and with the uncovered-question
     * check, as knowledge-service decides it without the classifier's prior.
     *
     * @param honestBefore messages below the no-answer bounds
     * @param honest messages below the bounds or uncovered
     * @param lostBefore of {@code honestBefore}, those whose best intent was their label (they lose their article)
     * @param lost of {@code honest}, the same
     * @param newlyLost the messages that lose their article only through the check
     * @param checkNanos the check's time per message (most messages are not read and cost nothing)
     */
    public record NoAnswer(String name, int messages, int honestBefore, int honest, int lostBefore, int lost,
            List<String> newlyLost, long[] checkNanos) {

        public String line() {
            long[] sorted = checkNanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s: %d messages; honest reply %d -> %d; of them with the right intent "
                    + "(lose their article) %d -> %d; check p50 %.3f ms, p95 %.3f ms, mean %.3f ms", name, messages,
                    honestBefore, honest, lostBefore, lost, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.95)] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6);
        }
    }

    public static NoAnswer noAnswer(String name, List<Row> rows, KnowledgeIndex index, UncoveredQuestions check) {
        int honestBefore = 0;
        int honest = 0;
        int lostBefore = 0;
        int lost = 0;
        List<String> newlyLost = new ArrayList<>();
        long[] nanos = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Retrieval r = index.retrieve(row.message(), null, Map.of());
            Retrieval.RankedIntent best = r.best().orElseThrow();
            boolean right = best.intent().equals(row.intent());
            boolean handoff = r.confident() && best.intent().equals(Taxonomy.HUMAN_HANDOFF);
            boolean bounds = !handoff && !r.confident()
                    && (best.score() < NO_ANSWER_SCORE || best.similarity() < NO_ANSWER_SIMILARITY);
            long started = System.nanoTime();
            boolean uncovered = !handoff && check.uncovered(index.knowledgeBase(), row.message(), null, best);
            nanos[i] = System.nanoTime() - started;
            honestBefore += bounds ? 1 : 0;
            honest += bounds || uncovered ? 1 : 0;
            lostBefore += bounds && right ? 1 : 0;
            lost += (bounds || uncovered) && right ? 1 : 0;
            if (uncovered && !bounds && right) {
                newlyLost.add("    " + row.intent() + ": " + row.message());
            }
        }
        return new NoAnswer(name, rows.size(), honestBefore, honest, lostBefore, lost, newlyLost, nanos);
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        List<Path> sets = options.stream().filter(a -> !a.startsWith("--")).map(Path::of).toList();
        if (sets.isEmpty()) {
            System.err.println("usage: RetrievalEvaluation <tsv> [<tsv> ...] [--misses] [--calibrate] [--features] [--no-answer]");
            System.exit(2);
        }
        KnowledgeIndex index = index(Embedders.onnx(2), RetrievalSettings.defaults());
        if (options.contains("--no-answer")) {
            // --uncovered=words,similarity,kept,rare,covered tries other settings than the shipped ones
            UncoveredQuestions.Settings settings = options.stream().filter(o -> o.startsWith("--uncovered="))
                    .map(o -> o.substring("--uncovered=".length()).split(","))
                    .map(v -> new UncoveredQuestions.Settings(Integer.parseInt(v[0]), Double.parseDouble(v[1]),
                            Double.parseDouble(v[2]), Integer.parseInt(v[3]), Double.parseDouble(v[4]))).findFirst().orElse(UNCOVERED);
            UncoveredQuestions check = new UncoveredQuestions(index.embeddings(), settings);
            for (Path set : sets) {
                NoAnswer result = noAnswer(set.getFileName().toString(), read(set), index, check);
                System.out.println(result.line());
                result.newlyLost().forEach(System.out::println);
            }
            return;
        }
        if (options.contains("--features")) {
            sets.forEach(set -> System.out.print(features(read(set), index)));
            return;
        }
        if (options.contains("--calibrate")) {
            List<Row> all = sets.stream().flatMap(s -> read(s).stream()).toList();
            System.out.print(calibrate(all, index));
            return;
        }
        for (Path set : sets) {
            Report report = run(set.getFileName().toString(), read(set), index);
            System.out.print(report.summary());
            if (options.contains("--misses")) {
                report.misses().forEach(System.out::println);
            }
        }
    }
}
