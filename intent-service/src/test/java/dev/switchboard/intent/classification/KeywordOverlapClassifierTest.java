package dev.switchboard.intent.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import org.junit.jupiter.api.Test;

class KeywordOverlapClassifierTest {

    private final KeywordOverlapClassifier classifier = new KeywordOverlapClassifier();

    @Test
    void wordsOfAnIntentsScopeRouteToIt() {
        Classification result = classifier.classify("my internet is super slow tonight");

        assertThat(result.intent()).isEqualTo("slow_internet");
        assertThat(result.agent()).isEqualTo(Agent.tech_support);
        assertThat(result.candidates()).hasSizeBetween(1, 3);
        assertThat(result.candidates().get(0).score()).isEqualTo(result.confidence());
    }

    @Test
    void aMessageSharingNoKeywordIsUnknownAndGoesToTheGeneralAgent() {
        Classification result = classifier.classify("write me a poem about the ocean");

        assertThat(result.intent()).isEqualTo("unknown");
        assertThat(result.agent()).isEqualTo(Agent.general);
        assertThat(result.confidence()).isZero();
        assertThat(result.candidates()).isEmpty();
    }
}
