package dev.switchboard.intent.evaluation;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.classification.KbKeywordClassifier;
import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evaluation command: runs a TSV of {@code agent<TAB>intent<TAB>message} (header line) through a classifier, or
 * with {@code --api [url]} through the running stack's chat REST API, and prints agent and intent accuracy, macro-F1,
 * the confusions and latency percentiles, for all messages and for long ones (>= 20 words) separately.
 *
 * <pre>
 * mvn -pl intent-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -q
 * java -cp intent-service/target/test-classes:intent-service/target/classes:$(cat intent-service/target/cp.txt) \
 *   dev.switchboard.intent.evaluation.RoutingEvaluation ../shared/data/dev_routing.tsv [--api http://localhost:8080]
 * </pre>
 */
public final class RoutingEvaluation {

    static final int LONG_WORDS = 20;

    public record Row(String agent, String intent, String message) {

        boolean isLong() {
            return message.trim().split("\\s+").length >= LONG_WORDS;
        }
    }

    /**
     * @param suggestions the intents a clarifying question offered; empty when the message was routed outright
     */
    public record Prediction(String agent, String intent, List<String> suggestions) {

        public Prediction(String agent, String intent) {
            this(agent, intent, List.of());
        }

        boolean clarified() {
            return !suggestions.isEmpty();
        }
    }

    /** The halves of the real dev set: thresholds are chosen on the tuning half, the scoring half is only reported. */
    public enum Half {
        TUNING, SCORING;

        /** The tuning half holds the rows whose origin id ends in an even digit. */
        boolean holds(String origin) {
            int last = origin.charAt(origin.length() - 1) - '0';
            return (last % 2 == 0) == (this == TUNING);
        }
    }

    /** A clarification is right only when the true intent is among its suggestions, for the agent as for the intent. */
    public record Outcome(Row row, Prediction predicted, long nanos) {

        boolean agentRight() {
            return predicted.clarified() ? predicted.suggestions.contains(row.intent) : row.agent.equals(predicted.agent);
        }

        boolean intentRight() {
            return predicted.clarified() ? predicted.suggestions.contains(row.intent) : row.intent.equals(predicted.intent);
        }
    }

    public record Report(String name, List<Outcome> outcomes) {

        public double agentAccuracy() {
            return share(Outcome::agentRight);
        }

        public double intentAccuracy() {
            return share(Outcome::intentRight);
        }

        public double clarificationRate() {
            return share(o -> o.predicted.clarified());
        }

        private double share(Predicate<Outcome> which) {
            return outcomes.isEmpty() ? Double.NaN : outcomes.stream().filter(which).count() / (double) outcomes.size();
        }

        /** Macro-F1 over the intents of the reference labels. */
        public double intentMacroF1() {
            TreeSet<String> labels = new TreeSet<>();
            outcomes.forEach(o -> labels.add(o.row.intent));
            double sum = 0;
            for (String label : labels) {
                long tp = outcomes.stream().filter(o -> o.row.intent.equals(label) && o.predicted.intent.equals(label)).count();
                long fp = outcomes.stream().filter(o -> !o.row.intent.equals(label) && o.predicted.intent.equals(label)).count();
                long fn = outcomes.stream().filter(o -> o.row.intent.equals(label) && !o.predicted.intent.equals(label)).count();
                sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            }
            return labels.isEmpty() ? Double.NaN : sum / labels.size();
        }

        public Report longOnly() {
            return new Report(name + " (long, >= " + LONG_WORDS + " words)",
                    outcomes.stream().filter(o -> o.row.isLong()).toList());
        }

        double percentileMillis(double p) {
            long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        public String summary() {
            return String.format(Locale.ROOT,
                    "%-58s n=%3d  agent=%.3f  intent=%.3f  macroF1=%.3f  clarified=%.3f  latency p50=%.2f p95=%.2f p99=%.2f ms",
                    name, outcomes.size(), agentAccuracy(), intentAccuracy(), intentMacroF1(), clarificationRate(),
                    percentileMillis(50),
                    percentileMillis(95), percentileMillis(99));
        }

        /** Every wrong prediction, grouped as expected -> predicted with counts, then the messages. */
        public String confusions() {
            Map<String, Integer> pairs = new TreeMap<>();
            StringBuilder detail = new StringBuilder();
            for (Outcome o : outcomes) {
                if (!o.intentRight() || !o.agentRight()) {
                    String predicted = o.predicted.clarified() ? "clarify" + o.predicted.suggestions
                            : o.predicted.agent + "/" + o.predicted.intent;
                    pairs.merge(o.row.agent + "/" + o.row.intent + " -> " + predicted, 1, Integer::sum);
                    detail.append("    ").append(o.row.intent).append(" -> ").append(predicted).append(": ")
                            .append(o.row.message.length() > 140 ? o.row.message.substring(0, 140) + "..." : o.row.message)
                            .append('\n');
                }
            }
            StringBuilder out = new StringBuilder("  confusions (expected -> predicted: count)\n");
            pairs.forEach((pair, count) -> out.append("    ").append(pair).append(": ").append(count).append('\n'));
            return out.append("  misrouted messages\n").append(detail).toString();
        }
    }

    private RoutingEvaluation() {
    }

    public static List<Row> read(Path tsv) {
        try {
            List<Row> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", 3);
                if (cells.length == 3 && !cells[2].isBlank()) {
                    rows.add(new Row(cells[0].trim(), cells[1].trim(), cells[2].trim()));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The clear rows of one half of the real dev set ({@code agent, intent, clarity, origin, message}, header line).
     */
    public static List<Row> readRealDev(Path tsv, Half half) {
        try {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", 5);
                if (cells.length == 5 && cells[2].trim().equals("clear") && half.holds(cells[3].trim())) {
                    rows.add(new Row(cells[0].trim(), cells[1].trim(), cells[4].trim()));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A written conversation: its turns in order. */
    public record Dialogue(String id, List<Row> turns) {
    }

    /** Dialogues as {@code dialogue, turn, agent, intent, message} (header line), turns in file order. */
    public static List<Dialogue> readDialogues(Path tsv) {
        try {
            Map<String, List<Row>> turns = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", 5);
                if (cells.length == 5) {
                    turns.computeIfAbsent(cells[0], id -> new ArrayList<>())
                            .add(new Row(cells[2].trim(), cells[3].trim(), cells[4].trim()));
                }
            }
            return turns.entrySet().stream().map(e -> new Dialogue(e.getKey(), e.getValue())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every dialogue routed turn by turn in one conversation of its own; the report holds the later turns (the first
     * turn of each is a plain message, measured elsewhere).
     */
    public static Report runDialogues(String name, List<Dialogue> dialogues,
            BiFunction<String, String, Prediction> router) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Dialogue dialogue : dialogues) {
            String conversation = dialogue.id() + "-" + UUID.randomUUID();
            for (int turn = 0; turn < dialogue.turns().size(); turn++) {
                Row row = dialogue.turns().get(turn);
                long started = System.nanoTime();
                Prediction prediction = router.apply(conversation, row.message);
                if (turn > 0) {
                    outcomes.add(new Outcome(row, prediction, System.nanoTime() - started));
                }
            }
        }
        return new Report(name, outcomes);
    }

    public static Report run(String name, List<Row> rows, Function<String, Prediction> router) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Row row : rows) {
            long started = System.nanoTime();
            Prediction prediction = router.apply(row.message);
            outcomes.add(new Outcome(row, prediction, System.nanoTime() - started));
        }
        return new Report(name, outcomes);
    }

    public static Function<String, Prediction> of(IntentClassifier classifier) {
        return message -> {
            var c = classifier.classify(message);
            return new Prediction(c.agent().name(), c.intent());
        };
    }

    private static final Pattern AGENT = Pattern.compile("\"agent\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern INTENT = Pattern.compile("\"intent\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SUGGESTIONS = Pattern.compile("\"suggestions\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern SUGGESTION_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");

    /** Through the running stack: POST /api/v1/chat/messages; a bearer token from POST /api/v1/auth/token if needed. */
    public static Function<String, Prediction> api(String baseUrl, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return message -> {
            String body = "{\"content\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"role\":\"user\"}";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/chat/messages"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                String reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
                return new Prediction(find(AGENT, reply), find(INTENT, reply), suggestions(reply));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /** The ids of a clarification's suggestions; empty for any other reply. */
    private static List<String> suggestions(String json) {
        Matcher array = SUGGESTIONS.matcher(json);
        if (!json.contains("\"source\":\"clarification\"") || !array.find()) {
            return List.of();
        }
        return SUGGESTION_ID.matcher(array.group(1)).results().map(m -> m.group(1)).toList();
    }

    private static String find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: RoutingEvaluation <tsv> [--api [baseUrl]] [--token jwt]");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        List<String> options = Arrays.asList(args);
        int api = options.indexOf("--api");
        int tokenAt = options.indexOf("--token");
        String token = tokenAt >= 0 ? args[tokenAt + 1] : System.getenv("SWITCHBOARD_TOKEN");
        List<Report> reports = new ArrayList<>();
        if (api >= 0) {
            String url = api + 1 < args.length && !args[api + 1].startsWith("--") ? args[api + 1] : "http://localhost:8080";
            reports.add(run("running stack " + url, rows, api(url, token)));
        } else {
            TrainingExamples training = TrainingExamples.fromClassPath();
            reports.add(run("keyword overlap (seed baseline)", rows,
                    of(new dev.switchboard.intent.classification.KeywordOverlapClassifier())));
            reports.add(run("KB keywords (baseline)", rows, of(new KbKeywordClassifier(training))));
            reports.add(run("embedding classifier", rows,
                    of(new EmbeddingIntentClassifier(Embedders.onnx(2), training, ClassifierSettings.defaults()))));
        }
        for (Report report : reports) {
            System.out.println(report.summary());
            System.out.println(report.longOnly().summary());
        }
        System.out.println(reports.get(reports.size() - 1).confusions());
    }
}
