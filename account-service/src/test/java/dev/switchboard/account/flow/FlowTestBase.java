package dev.switchboard.account.flow;

import dev.switchboard.events.Agent;
import dev.switchboard.platform.kafka.EventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the flow ITs share: the service (its database, its API), the customer's turns in one flow ({@link #turns}), and
 * the seed data restored after each test, since the flows change accounts.
 */
abstract class FlowTestBase {

    @Autowired
    EventPublisher publisher;

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    FlowTurns turns;

    private final String flow;
    private final String intent;
    private final Agent agent;

    /** @param flow the flow intent-service routes the turns to (null: as before IntentClassified.flow existed) */
    FlowTestBase(String flow, String intent, Agent agent) {
        this.flow = flow;
        this.intent = intent;
        this.agent = agent;
    }

    @BeforeEach
    void record() {
        turns = FlowTurns.of(publisher, brokers, flow, intent, agent);
    }

    @AfterEach
    void restore() {
        FlowTurns.reset(web);
        turns.close();
    }
}
