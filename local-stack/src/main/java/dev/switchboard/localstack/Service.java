package dev.switchboard.localstack;

import java.util.List;
import java.util.Map;

/**
 * One service of the system as the local stack runs it.
 *
 * @param managementPort where its actuator (readiness, Prometheus) answers: its own port, except the gateway's, which
 *     has a port of its own so that the public one serves none of it
 * @param database the PostgreSQL database it owns, or null
 * @param heap the -Xmx it runs with: small on purpose, so the whole system fits a laptop
 * @param onMessagePath whether a customer waits for it: the gateway and the services that classify and answer
 * @param settings what this machine's stack sets beyond the deployment's defaults (development-only switches)
 */
record Service(String module, int port, int managementPort, String database, String heap, boolean onMessagePath,
        Map<String, String> settings) {

    static final List<Service> ALL = List.of(
            new Service("gateway-service", 8080, 8090, null, "256m", true, Map.of()),
            new Service("chat-service", 8081, "chat", "192m", false),
            new Service("intent-service", 8082, null, "768m", true),
            new Service("knowledge-service", 8083, "knowledge", "512m", true),
            new Service("llm-fallback-service", 8084, null, "192m", false),
            new Service("analytics-service", 8085, "analytics", "192m", false),
            new Service("feedback-service", 8086, "feedback", "192m", false),
            // the tau2 harness restores the seed between tasks (off in every deployment)
            new Service("account-service", 8087, 8087, "account", "192m", false,
                    Map.of("ACCOUNT_RESET_ENABLED", "true")));

    /** A service whose actuator is on its own port and which needs no setting of its own. */
    Service(String module, int port, String database, String heap, boolean onMessagePath) {
        this(module, port, port, database, heap, onMessagePath, Map.of());
    }

    static List<String> databases() {
        return ALL.stream().map(Service::database).filter(d -> d != null).toList();
    }
}
