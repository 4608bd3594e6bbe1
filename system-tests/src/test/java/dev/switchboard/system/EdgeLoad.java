package dev.switchboard.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-loop load generator: one user's requests at a fixed rate, whatever the answers, so a slow or refusing
 * gateway cannot slow the load down. JDK only, so it also runs against any running stack as a single-file program:
 *
 * <pre>
 * java system-tests/src/test/java/dev/switchboard/system/EdgeLoad.java [requests/s] [seconds] [base url]
 * </pre>
 */
final class EdgeLoad {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * Responses by status ({@code -1}: no response), latency percentiles in milliseconds, and the slowest response of
     * each status in milliseconds.
     */
    record Result(long sent, Map<Integer, Long> statuses, double p50Millis, double p99Millis,
            Map<Integer, Long> slowestMillis, Duration took) {

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        long serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0)
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** Whether every request got a response, and every one with {@code status} within {@code limit}. */
        boolean everyAnswerAnd(int status, Duration limit) {
            return count(-1) == 0 && slowestMillis.getOrDefault(status, 0L) <= limit.toMillis();
        }

        @Override
        public String toString() {
            return String.format("%d requests in %.1f s: statuses %s, latency p50 %.1f ms, p99 %.1f ms, slowest by "
                    + "status %s ms", sent, took.toMillis() / 1000.0, statuses, p50Millis, p99Millis, slowestMillis);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    EdgeLoad(String base) {
        this.base = base;
    }

    String guestToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    /** GETs {@code path} as the token's user at {@code perSecond} for {@code duration}, then waits for the answers. */
    Result run(String path, String token, int perSecond, Duration duration) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        long total = perSecond * duration.toSeconds();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        Map<Integer, Long> slowest = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            clock.scheduleAtFixedRate(() -> {
                if (sent.get() >= total) {
                    allSent.complete(null);
                    return;
                }
                sent.incrementAndGet();
                long sentAt = System.nanoTime();
                pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                    int status = error == null ? response.statusCode() : -1;
                    long latency = System.nanoTime() - sentAt;
                    statuses.merge(status, 1L, Long::sum);
                    slowest.merge(status, latency / 1_000_000, Math::max);
                    latencies.add(latency);
                    return null;
                }));
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            allSent.get(duration.toSeconds() * 2 + 30, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sent.get(), new TreeMap<>(statuses), percentile(sorted, 0.50), percentile(sorted, 0.99),
                new TreeMap<>(slowest), took);
    }

    private static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1_000_000.0;
    }

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        EdgeLoad load = new EdgeLoad(args.length > 2 ? args[2] : "http://localhost:8080");
        Result result = load.run("/api/v1/chat/conversations", load.guestToken(), perSecond,
                Duration.ofSeconds(seconds));
        System.out.println(result);
        System.out.println(result.count(200) + " answered, " + result.count(429) + " refused with 429, "
                + result.serverErrors() + " server errors or no answer");
    }
}
