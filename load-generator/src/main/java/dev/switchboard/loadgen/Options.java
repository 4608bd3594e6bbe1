package dev.switchboard.loadgen;

import dev.switchboard.loadgen.hold.HoldPlan;
import dev.switchboard.loadgen.traffic.Channel;
import dev.switchboard.loadgen.traffic.MessageMix;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run against a running stack. Each option is {@code --name value} or {@code --name=value}.
 *
 * @param target the gateway's base URL
 * @param management the gateway's management port (its Prometheus text, for the gateway's own figures)
 * @param kafka the stack's Kafka bootstrap servers, for the consumer lag and the one-hop ceiling
 * @param rate messages per second, sent whatever the answers (open loop)
 * @param duration the measured time
 * @param warmup time at the same rate before the measured window, not counted
 * @param grace how long an unanswered message is waited for after the last send before it counts as no-answer
 * @param customers simulated customers, each with its own token (and socket on the WebSocket)
 * @param turns messages per conversation before a customer starts a new one
 * @param channel REST, WebSocket, or half the customers on each
 * @param mix the share of knowledge-base, fallback and hand-off messages
 * @param ceiling whether to measure the health endpoint and the one-hop HTTP → Kafka → HTTP ceilings first
 * @param ceilingDuration how long each ceiling is measured
 * @param ceilingConcurrency requests in flight while measuring a ceiling (closed loop)
 * @param drainLimit how long to keep sampling consumer lag after the load, waiting for every group to drain
 * @param hold the WebSocket hold mode instead of the throughput run; null for the throughput run
 * @param out where to write every figure as JSON; null for none
 */
public record Options(URI target, URI management, String kafka, double rate, Duration duration, Duration warmup,
        Duration grace, int customers, int turns, Channel channel, MessageMix mix, boolean ceiling, Duration ceilingDuration,
        int ceilingConcurrency, Duration drainLimit, HoldPlan hold, Path out) {

    static final String USAGE = """
            usage: java -jar load-generator/target/load-generator.jar [options]
              --target URL             the gateway (default http://127.0.0.1:8080)
              --management URL         the gateway's management port, for its metrics (default http://127.0.0.1:8090)
              --kafka HOST:PORT        the stack's Kafka, for consumer lag and the one-hop ceiling (default 127.0.0.1:9092)
              --rate N                 messages per second, open loop (default 20)
              --duration S             measured seconds (default 10)
              --warmup S               seconds at the same rate before, not counted (default 2)
              --grace S                seconds to wait for answers after the last send (default 30, beyond REPLY_TIMEOUT)
              --customers N            simulated customers, one token each (default 200)
              --turns N                messages per conversation (default 1: every message starts a new one)
              --channel rest|ws|mixed  how messages are sent (default rest)
              --mix kb=W,fallback=W,handoff=W  message mix (default kb=0.9,fallback=0.05,handoff=0.05)
              --no-ceiling             skip the health and one-hop ceilings
              --ceiling-seconds S      seconds per ceiling (default 5)
              --ceiling-concurrency N  requests in flight per ceiling (default 32)
              --drain-seconds S        how long to wait for consumer lag to drain after the load (default 30)
              --hold-connections N     WebSocket hold mode: N sockets instead of the throughput run
              --hold-seconds S         how long they are held (default 300)
              --active-share F         share of held sockets that send (default 0.1)
              --active-interval S      seconds between messages of an active socket (default 10)
              --out FILE               write every figure as JSON
            The stack's rate limits must be out of the way, see docs/benchmarks.md.""";

    private static final List<String> FLAGS = List.of("no-ceiling", "help");
    private static final List<String> VALUED = List.of("target", "management", "kafka", "rate", "duration", "warmup",
            "grace", "customers", "turns", "channel", "mix", "ceiling-seconds", "ceiling-concurrency", "drain-seconds",
            "hold-connections", "hold-seconds", "active-share", "active-interval", "out");

    public static Options parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            if (FLAGS.contains(name)) {
                given.put(name, "true");
            } else if (!VALUED.contains(name)) {
                throw new UsageException("unknown option --" + name);
            } else if (arg.contains("=")) {
                given.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                given.put(name, args[++i]);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        if (given.containsKey("help")) {
            throw new UsageException("");
        }
        int holdConnections = positiveInt(given, "hold-connections", 0);
        HoldPlan hold = holdConnections == 0 ? null : new HoldPlan(holdConnections, seconds(given, "hold-seconds", 300),
                fraction(given, "active-share", 0.1), seconds(given, "active-interval", 10));
        Path out = given.containsKey("out") ? Path.of(given.get("out")) : null;
        return new Options(url(given, "target", "http://127.0.0.1:8080"),
                url(given, "management", "http://127.0.0.1:8090"),
                given.getOrDefault("kafka", "127.0.0.1:9092"), positive(given, "rate", 20),
                seconds(given, "duration", 10), seconds(given, "warmup", 2), seconds(given, "grace", 30),
                positiveInt(given, "customers", 200), Math.max(1, positiveInt(given, "turns", 1)),
                Channel.parse(given.getOrDefault("channel", "rest")),
                MessageMix.parse(given.getOrDefault("mix", "kb=0.9,fallback=0.05,handoff=0.05")),
                !given.containsKey("no-ceiling"), seconds(given, "ceiling-seconds", 5),
                positiveInt(given, "ceiling-concurrency", 32), seconds(given, "drain-seconds", 30), hold, out);
    }

    private static URI url(Map<String, String> given, String name, String fallback) {
        return URI.create(given.getOrDefault(name, fallback).replaceAll("/+$", ""));
    }

    private static double number(Map<String, String> given, String name, double fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new UsageException("--" + name + " must not be negative, got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    private static double positive(Map<String, String> given, String name, double fallback) {
        double number = number(given, name, fallback);
        if (number == 0) {
            throw new UsageException("--" + name + " must be positive");
        }
        return number;
    }

    private static int positiveInt(Map<String, String> given, String name, int fallback) {
        double number = number(given, name, fallback);
        if (number != Math.rint(number)) {
            throw new UsageException("--" + name + " must be a whole number");
        }
        return (int) number;
    }

    private static double fraction(Map<String, String> given, String name, double fallback) {
        double number = positive(given, name, fallback);
        if (number > 1) {
            throw new UsageException("--" + name + " is a share between 0 and 1");
        }
        return number;
    }

    private static Duration seconds(Map<String, String> given, String name, double fallback) {
        return Duration.ofMillis(Math.round(number(given, name, fallback) * 1000));
    }

    /** A mistake in the command line (or --help), reported with the usage text. */
    public static class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
