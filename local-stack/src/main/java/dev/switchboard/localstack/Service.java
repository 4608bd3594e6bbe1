package dev.switchboard.localstack;

import java.util.List;
import java.util.Map;

/**
 * One service of the system as the local stack runs it.
 *
 * @param managementPort where its actuator (readiness, Prometheus) answers: its own port, except the gateway's, which
 *     has a port of its own so that the public one serves none of it
 * @param database the PostgreSQL database it owns, or null
 * @param heap the heap it runs with
 * @param onMessagePath whether a customer waits for it: the gateway and the services that classify and answer
 * @param settings what this machine's stack sets beyond the deployment's defaults (development-only switches)
 * @param instance which of the module's instances it is (0 for the first): the gateway may run several
 */
record Service(String module, int port, int managementPort, String database, Heap heap, boolean onMessagePath,
        Map<String, String> settings, int instance) {

    static final String GATEWAY = "gateway-service";
    /** How far apart the ports of one module's instances are: 8080, 8180, 8280… and 8090, 8190, 8290… */
    static final int INSTANCE_PORT_STEP = 100;
    /** chat.replies has a partition per gateway instance (Topics.MAX_GATEWAY_INSTANCES). */
    static final int MAX_GATEWAYS = 8;

    static final List<Service> ALL = List.of(
            new Service(GATEWAY, 8080, 8090, null, Heap.upTo("256m"), true, Map.of()),
            new Service("chat-service", 8081, "chat", Heap.upTo("192m"), false),
            new Service("intent-service", 8082, null, Heap.upTo("768m").startingAt("320m").withYoung("48m"), true),
            new Service("knowledge-service", 8083, "knowledge", Heap.upTo("512m"), true),
            new Service("llm-fallback-service", 8084, null, Heap.upTo("192m"), false),
            new Service("analytics-service", 8085, "analytics", Heap.upTo("192m"), false),
            new Service("feedback-service", 8086, "feedback", Heap.upTo("192m"), false),
            // the tau2 harness restores the seed between tasks (off in every deployment)
            new Service("account-service", 8087, 8087, "account", Heap.upTo("192m"), false,
                    Map.of("ACCOUNT_RESET_ENABLED", "true")));

    /** A module's first instance. */
    Service(String module, int port, int managementPort, String database, Heap heap, boolean onMessagePath,
            Map<String, String> settings) {
        this(module, port, managementPort, database, heap, onMessagePath, settings, 0);
    }

    /** A service whose actuator is on its own port and which needs no setting of its own. */
    Service(String module, int port, String database, Heap heap, boolean onMessagePath) {
        this(module, port, port, database, heap, onMessagePath, Map.of());
    }

    /** The module's {@code number}th instance (0 is this one), on ports of its own. */
    Service instance(int number) {
        int offset = number * INSTANCE_PORT_STEP;
        return new Service(module, port + offset, managementPort + offset, database, heap, onMessagePath, settings,
                number);
    }

    boolean isGateway() {
        return module.equals(GATEWAY);
    }

    /** The module's name for its first instance, with the instance number for the others: gateway-service-2. */
    String name() {
        return instance == 0 ? module : module + "-" + instance;
    }

    static List<String> databases() {
        return ALL.stream().map(Service::database).filter(d -> d != null).toList();
    }
}
