package dev.switchboard.architecture;

import static dev.switchboard.architecture.ModuleRules.SCHEMAS_DEPEND_ON_NOTHING_OF_OURS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.kafka.fixture.ProducerDefaults;
import dev.switchboard.schemas.fixture.TopicWithProducerDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemasIndependenceTest {

    @Test
    void schemasAndEventsDependOnNoOtherModule() {
        // Given the main classes of every module, When the rule is checked, Then it finds nothing
        SCHEMAS_DEPEND_ON_NOTHING_OF_OURS.check(Modules.MAIN);
    }

    @Test
    void failsWhenSchemasImportPlatform() {
        // Given a schemas class that uses a platform class
        // When the same rule is evaluated on them
        List<String> violations = Modules.violationsInFixtures(SCHEMAS_DEPEND_ON_NOTHING_OF_OURS,
                "dev.switchboard.schemas.fixture", "dev.switchboard.platform.kafka.fixture");

        // Then it names both classes
        assertThat(violations).anySatisfy(violation -> assertThat(violation)
                .contains(TopicWithProducerDefaults.class.getName(), ProducerDefaults.class.getName()));
    }
}
