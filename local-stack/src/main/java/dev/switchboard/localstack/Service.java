package dev.switchboard.localstack;

import java.util.List;

/**
 * One service of the system as the local stack runs it.
 *
 * @param managementPort where its actuator (readiness, Prometheus) answers: its own port, except the gateway's, which
 *     has a port of its own so that the public one serves none of it
 * @param database the PostgreSQL database it owns, or null
 * @param heap the -Xmx it runs with: small on purpose, so the whole system fits a laptop
 */
record Service(String module, int port, int managementPort, String database, String heap) {

    static final List<Service> ALL = List.of(
            new Service("gateway-service", 8080, 8090, null, "256m"),
            new Service("chat-service", 8081, "chat", "192m"),
            new Service("intent-service", 8082, null, "768m"),
            new Service("knowledge-service", 8083, null, "512m"),
            new Service("llm-fallback-service", 8084, null, "192m"),
            new Service("analytics-service", 8085, "analytics", "192m"),
            new Service("feedback-service", 8086, "feedback", "192m"));

    /** A service whose actuator is on its own port. */
    Service(String module, int port, String database, String heap) {
        this(module, port, port, database, heap);
    }

    static List<String> databases() {
        return ALL.stream().map(Service::database).filter(d -> d != null).toList();
    }
}
