package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the Grafana dashboards query, read from their PromQL (panel targets and template variables). Reusable:
 * compare {@link #referencedMetrics(Path)} with {@link #scrapedMetricNames(String)} of a live scrape to prove the
 * dashboards show what the services really export.
 */
public final class DashboardMetrics {

    /** Where the dashboards live in the repository. */
    public static final String DASHBOARDS = "observability/grafana/dashboards";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern
            .compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})?\\s*,\\s*[a-zA-Z_]\\w*\\s*\\)");
    private static final Pattern GROUPING = Pattern
            .compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "inf", "nan", "le");

    private DashboardMetrics() {
    }

    /** Every metric name the dashboards in a folder query. */
    public static Set<String> referencedMetrics(Path dashboards) {
        Set<String> names = new TreeSet<>();
        for (Path file : dashboardFiles(dashboards)) {
            names.addAll(referencedMetrics(JSON.readTree(file.toFile())));
        }
        return names;
    }

    public static List<Path> dashboardFiles(Path dashboards) {
        try (Stream<Path> files = Files.list(dashboards)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric name one dashboard queries. */
    public static Set<String> referencedMetrics(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (String query : queries(dashboard)) {
            names.addAll(metricsOf(query));
        }
        return names;
    }

    /** The PromQL of every panel target (at any depth, rows included) and of every query variable. */
    public static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        collectExpressions(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString(""))) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asString("") : query.asString(""));
            }
        }
        return queries;
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isString()) {
                into.add(expr.asString());
            }
            node.forEach(child -> collectExpressions(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }

    /** The metric names in one PromQL expression: identifiers that are not functions, keywords or label names. */
    public static Set<String> metricsOf(String promql) {
        String expression = LABEL_VALUES.matcher(promql).replaceAll("$1");
        expression = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ") // label values
                .replaceAll("\\{[^}]*}", " ") // matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\$\\{?\\w+}?", " "); // Grafana variables
        expression = GROUPING.matcher(expression).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(expression);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = expression.substring(identifier.end()).stripLeading().startsWith("(");
            boolean number = identifier.start() > 0 && Character.isDigit(expression.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition (e.g. GET /actuator/prometheus). */
    public static Set<String> scrapedMetricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    names.add(name.group());
                }
            }
        }
        return names;
    }
}
