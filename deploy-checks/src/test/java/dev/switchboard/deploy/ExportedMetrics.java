package dev.switchboard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names the services export, without running them: their own meters, read from their code and named
 * as Micrometer's Prometheus registry names them, plus the framework's (framework-metrics.txt, from a real scrape).
 */
public final class ExportedMetrics {

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
    private static final Pattern SHORTHAND = Pattern.compile(
            "\\.(counter|timer|gauge|gaugeMapSize|gaugeCollectionSize|summary)\\(\\s*\"([^\"]+)\"");

    private ExportedMetrics() {
    }

    static Set<String> all(Path home) {
        Set<String> names = new TreeSet<>(framework());
        names.addAll(fromCode(home));
        return names;
    }

    /** The framework's metric names (Spring Boot, Micrometer, Kafka, Resilience4j), from a real scrape. */
    public static Set<String> framework() {
        try (InputStream in = ExportedMetrics.class.getResourceAsStream("/framework-metrics.txt")) {
            Set<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The meters the main code of every module of the root pom registers. */
    static Set<String> fromCode(Path home) {
        Set<String> names = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(ComposeTest.read(home.resolve("pom.xml")));
        while (module.find()) {
            Path sources = home.resolve(module.group(1)).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    names.addAll(fromSource(Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    static Set<String> fromSource(String source) {
        Set<String> names = new TreeSet<>();
        for (Pattern pattern : List.of(BUILDER, SHORTHAND)) {
            Matcher meter = pattern.matcher(source);
            while (meter.find()) {
                int end = source.indexOf(';', meter.end());
                String statement = source.substring(meter.start(), end < 0 ? source.length() : end);
                names.addAll(prometheusNames(meter.group(1), meter.group(2),
                        statement.contains("publishPercentileHistogram")));
            }
        }
        return names;
    }

    /** The sample names Micrometer's Prometheus registry gives a meter. */
    static List<String> prometheusNames(String type, String meterName, boolean histogram) {
        String base = meterName.replace('.', '_').replace('-', '_');
        switch (type) {
            case "Counter":
            case "counter":
                return List.of(base + "_total");
            case "Timer":
            case "timer": {
                String seconds = base + "_seconds";
                return histogram ? List.of(seconds + "_count", seconds + "_sum", seconds + "_max", seconds + "_bucket")
                        : List.of(seconds + "_count", seconds + "_sum", seconds + "_max");
            }
            case "DistributionSummary":
            case "summary":
                return List.of(base + "_count", base + "_sum", base + "_max");
            default:
                return List.of(base);
        }
    }
}
