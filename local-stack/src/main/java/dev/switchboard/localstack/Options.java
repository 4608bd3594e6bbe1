package dev.switchboard.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to start and where to keep state. Each option can be given as {@code --name=value} or as its environment
 * variable.
 *
 * @param home the repository root, where each service's jar is built
 * @param dataDir where Kafka, PostgreSQL and the service logs keep their state across restarts
 * @param services which services to start (all by default; none is allowed: Kafka and PostgreSQL only)
 * @param startupTimeout how long to wait for everything to become healthy
 * @param externalKafka bootstrap servers of a Kafka to use instead of starting one
 * @param externalDatabase a DATABASE_URL to give every service instead of starting PostgreSQL
 * @param bind the address every service, Kafka and PostgreSQL listen on: the loopback address unless asked
 *     otherwise, so a laptop on a shared network does not serve the unauthenticated internal ports to it
 * @param restarts how many times in a row a service that exits is restarted before the stack gives up on it
 * @param classDataSharing whether the service JVMs map the classes of an earlier run from an archive
 * @param jit which JIT compilers the service JVMs use
 */
record Options(Path home, Path dataDir, List<Service> services, Duration startupTimeout, String externalKafka,
        String externalDatabase, String bind, int restarts, boolean classDataSharing, Jit jit, int gateways,
        boolean control) {

    static final String LOOPBACK = "127.0.0.1";

    static final String USAGE = """
            usage: java -jar local-stack/target/local-stack.jar [--data-dir=DIR] [--services=a,b|none] \
            [--startup-timeout=SECONDS] [--bind=ADDRESS] [--restarts=N] [--cds=on|off] [--jit=auto|quick|full] [--gateways=N] \
            [--control=stdin|off]
              --data-dir         state of Kafka, PostgreSQL and the logs (SWITCHBOARD_DATA_DIR, default .data)
              --services         the services to start, by module name (default: all)
              --startup-timeout  seconds to wait for everything to be healthy (default 600: a fresh build's first start
                                 on a fresh data directory took over 240 s on a busy two-core machine)
              --bind             the address the services, Kafka and PostgreSQL listen on (SWITCHBOARD_BIND_ADDRESS,
                                 default 127.0.0.1: this machine only; 0.0.0.0 serves every network it is on)
              --restarts         restarts in a row of a service that exits before giving up on it (default 5; 0: none)
              --cds              class-data sharing for the service JVMs (default on): the first start after a build
                                 records the classes each service loads and its stop archives those of the libraries
                                 all services bundle (local-stack/target/cds, one archive every service maps); the
                                 next stop archives each service's own (SERVICE/target/cds); later starts map both
                                 instead of loading the classes again
              --jit              the JIT compilers of the service JVMs (default auto): auto runs C1 only in the
                                 services no customer waits for (chat, analytics, feedback, llm-fallback, account),
                                 which halves their start-up CPU, and C1 then C2 in the gateway, intent and knowledge services; quick
                                 runs C1 only everywhere (the fastest start and least memory, the least throughput);
                                 full runs C1 then C2 everywhere (for throughput benchmarks, once warmed up)
              --gateways         gateway instances (default 1, at most 8), each owning its reply partition: the first
                                 on 8080 (management 8090), the next on 8180 (8190), 8280 (8290)…; with REDIS_URL set
                                 they share the rate limits
              --control          stdin: read fault-test commands from standard input, one per line: "stop kafka",
                                 "start kafka", "stop postgres", "start postgres" (default off; for the system tests)
            KAFKA_BOOTSTRAP_SERVERS or DATABASE_URL in the environment use those instead of starting them.

            Services are supervised as Kubernetes would: one whose process exits (a crash, kill -9, out of memory) is
            started again, at once the first time, then after 1, 2, 4... up to 30 s; a run of 60 s or more resets the
            count. If it exits again after --restarts restarts in a row, the stack gives up on it and prints the end of
            its log; the others keep running. Every exit, restart and return to ready is logged. To restart one service with other
            settings, put NAME=value lines in DATA-DIR/config/<service>.env and stop its process (its pid is listed
            when the stack is ready): the restart reads them.
            A service counts as ready when its readiness (/actuator/health/readiness) is UP; the gateway's is on its
            management port, 8090, with its Prometheus text (the public port 8080 serves /metrics to an admin only).""";

    static Options parse(String[] args, Map<String, String> env, Path workingDirectory) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException("");
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!List.of("data-dir", "services", "startup-timeout", "bind", "restarts", "cds", "jit",
                    "gateways", "control").contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            given.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        Path home = Path.of(env.getOrDefault("SWITCHBOARD_HOME", workingDirectory.toString())).toAbsolutePath()
                .normalize();
        String dataDir = given.getOrDefault("data-dir", env.getOrDefault("SWITCHBOARD_DATA_DIR", ".data"));
        Path data = home.resolve(dataDir).toAbsolutePath().normalize();
        int gateways = gateways(given.getOrDefault("gateways", "1"));
        return new Options(home, data, withGatewayInstances(services(given.get("services")), gateways),
                Duration.ofSeconds(seconds(given.getOrDefault("startup-timeout", "600"))),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")), blankToNull(env.get("DATABASE_URL")),
                bind(given.getOrDefault("bind", env.getOrDefault("SWITCHBOARD_BIND_ADDRESS", LOOPBACK))),
                restarts(given.getOrDefault("restarts", "5")), onOff("cds", given.getOrDefault("cds", "on")),
                Jit.parse(given.getOrDefault("jit", "auto")), gateways, control(given.getOrDefault("control", "off")));
    }

    /** Where this machine reaches what the stack listens on: the loopback address when that is every interface. */
    String localAddress() {
        return bind.equals("0.0.0.0") || bind.equals("::") ? LOOPBACK : bind;
    }

    private static String bind(String address) {
        if (address.isBlank()) {
            throw new UsageException("--bind must be an address, such as 127.0.0.1 or 0.0.0.0");
        }
        return address.strip();
    }

    private static List<Service> services(String names) {
        if (names == null) {
            return Service.ALL;
        }
        if (names.isBlank() || names.equals("none")) {
            return List.of();
        }
        List<Service> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            chosen.add(Service.ALL.stream().filter(s -> s.module().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new UsageException("unknown service '" + name.strip() + "'; known: "
                            + Service.ALL.stream().map(Service::module).toList())));
        }
        return List.copyOf(chosen);
    }

    /** The gateway, if chosen, as {@code gateways} instances in its place. */
    private static List<Service> withGatewayInstances(List<Service> services, int gateways) {
        List<Service> expanded = new ArrayList<>();
        for (Service service : services) {
            int instances = service.isGateway() ? gateways : 1;
            for (int number = 0; number < instances; number++) {
                expanded.add(service.instance(number));
            }
        }
        return List.copyOf(expanded);
    }

    private static int gateways(String value) {
        try {
            int gateways = Integer.parseInt(value);
            if (gateways < 1 || gateways > Service.MAX_GATEWAYS) {
                throw new UsageException("--gateways must be 1 to " + Service.MAX_GATEWAYS + ", got " + gateways);
            }
            return gateways;
        } catch (NumberFormatException e) {
            throw new UsageException("--gateways must be a whole number, got '" + value + "'");
        }
    }

    private static boolean control(String value) {
        return switch (value) {
            case "stdin" -> true;
            case "off" -> false;
            default -> throw new UsageException("--control must be stdin or off, got '" + value + "'");
        };
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds <= 0) {
                throw new UsageException("--startup-timeout must be positive");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UsageException("--startup-timeout must be a number of seconds, got '" + value + "'");
        }
    }

    private static int restarts(String value) {
        try {
            int restarts = Integer.parseInt(value);
            if (restarts < 0) {
                throw new UsageException("--restarts must be 0 or more");
            }
            return restarts;
        } catch (NumberFormatException e) {
            throw new UsageException("--restarts must be a whole number, got '" + value + "'");
        }
    }

    private static boolean onOff(String option, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException("--" + option + " must be on or off, got '" + value + "'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A mistake in the command line, reported with the usage text. */
    static class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
