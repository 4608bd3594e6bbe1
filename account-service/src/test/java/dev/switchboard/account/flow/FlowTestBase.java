package dev.switchboard.account.flow;

import java.math.BigDecimal;
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

    /** The data refuelled on the line so far, in GB. */
    BigDecimal refuelled(String lineId) {
        return db.sql("select data_refueling_gb from lines where line_id = :l").bind("l", lineId)
                .map(row -> row.get(0, BigDecimal.class)).one().block();
    }

    boolean roaming(String lineId) {
        return Boolean.TRUE.equals(db.sql("select roaming_enabled from lines where line_id = :l").bind("l", lineId)
                .map(row -> row.get(0, Boolean.class)).one().block());
    }

    @AfterEach
    void restore() {
        FlowTurns.reset(web);
        turns.close();
    }
}
