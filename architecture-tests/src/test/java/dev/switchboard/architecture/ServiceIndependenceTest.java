package dev.switchboard.architecture;

import static dev.switchboard.architecture.ModuleRules.SERVICES_IMPORT_NO_OTHER_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.library.dependencies.Slices;
import dev.switchboard.chat.fixture.ConversationNotifier;
import dev.switchboard.gateway.fixture.GatewaySessions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceIndependenceTest {

    @Test
    void noServiceImportsAnother() {
        // Given the main classes of every module, When the rule is checked, Then it finds nothing
        SERVICES_IMPORT_NO_OTHER_SERVICE.check(Modules.MAIN);
    }

    @Test
    void theRuleSeesEveryServiceAndNoLibrary() {
        // Given the main classes of every module
        // When they are cut into the rule's slices
        List<String> services = Slices.assignedFrom(new ModuleRules.ServiceSlices()).transform(Modules.MAIN).stream()
                .map(slice -> slice.getNamePart(1)).toList();

        // Then each service is a slice, and the libraries every service shares are in none
        assertThat(services).containsExactlyInAnyOrder(
                "account", "analytics", "chat", "feedback", "gateway", "intent", "knowledge", "llm");
    }

    @Test
    void failsWhenAServiceImportsAnother() {
        // Given a chat-service class that uses a gateway-service class
        // When the same rule is evaluated on them
        List<String> violations = Modules.violationsInFixtures(SERVICES_IMPORT_NO_OTHER_SERVICE,
                "dev.switchboard.chat.fixture", "dev.switchboard.gateway.fixture");

        // Then it names both classes
        assertThat(violations).anySatisfy(violation -> assertThat(violation)
                .contains(ConversationNotifier.class.getName(), GatewaySessions.class.getName()));
    }
}
