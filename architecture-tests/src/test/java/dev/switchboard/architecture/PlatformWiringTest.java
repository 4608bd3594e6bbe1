package dev.switchboard.architecture;

import static dev.switchboard.architecture.ModuleRules.PLATFORM_IS_WIRING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.kafka.fixture.TopicPerIntent;
import dev.switchboard.platform.text.fixture.Stemmer;
import org.junit.jupiter.api.Test;

class PlatformWiringTest {

    @Test
    void platformHoldsWiringOnly() {
        // Given the main classes of every module, When the rule is checked, Then it finds nothing
        PLATFORM_IS_WIRING.check(Modules.MAIN);
    }

    @Test
    void failsOnTextHandlingBackInPlatform() {
        // Given a platform class outside the wiring packages, as platform.text.Words was
        // When the same rule is evaluated on it, Then it names the class
        assertThat(Modules.violationsInFixtures(PLATFORM_IS_WIRING, "dev.switchboard.platform.text.fixture"))
                .anySatisfy(violation -> assertThat(violation).contains(Stemmer.class.getName()));
    }

    @Test
    void failsOnDomainKnowledgeInAWiringPackage() {
        // Given a platform Kafka class that knows the intents, as platform.knowledge.TrainingExamples did
        // When the same rule is evaluated on it, Then it names the class and the taxonomy
        assertThat(Modules.violationsInFixtures(PLATFORM_IS_WIRING, "dev.switchboard.platform.kafka.fixture"))
                .anySatisfy(violation -> assertThat(violation).contains(TopicPerIntent.class.getName(), "Taxonomy"));
    }
}
