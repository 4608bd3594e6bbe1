package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    @Test
    void everyIntentOfTheSharedTaxonomyIsKnownWithItsAgent() {
        assertThat(Taxonomy.intents()).hasSize(30);
        assertThat(Taxonomy.agentOf("slow_internet")).isEqualTo(Agent.tech_support);
        assertThat(Taxonomy.agentOf("autopay_paperless")).isEqualTo(Agent.billing);
        assertThat(Taxonomy.agentOf(Taxonomy.HUMAN_HANDOFF)).isEqualTo(Agent.general);
        assertThat(Taxonomy.intent(Taxonomy.UNKNOWN)).isEmpty();
    }
}
