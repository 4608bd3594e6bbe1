package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tau2.run.Tau2Runner;
import dev.switchboard.tau2.run.Tau2Runner.Played;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * τ²-bench telecom's 20 small tasks played by the harness (tau2-harness, docs/tau2-harness.md) against the running
 * stack: offline by the guided flows, then one task with a chat model, where account-service's tool-calling agent
 * answers the flow's turns (the model is {@link ToolCallingModelStub}, the only thing not real here).
 */
@SharedStack.OnTheSharedStack
@Order(6) // after the others: the model's case restarts account-service twice
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Tau2HarnessIT {

    private static final URI GATEWAY = URI.create(Api.BASE);
    private static final String PASSWORD = "switchboard";
    private static final String DATA_USED_UP = "[mobile_data_issue]data_usage_exceeded[PERSONA:Easy]";

    static RunningStack stack;

    @BeforeAll
    static void startTheStack(SharedStack shared) {
        stack = shared.stack();
        // one customer plays twenty conversations in a minute, and the checker reads the account after every reply
        stack.liftRateLimits();
    }

    @Test
    @Order(1)
    void offlineTheGuidedFlowsBringEveryTaskToTheEndStateItExpects() {
        // Given the 20 tasks, or under CI (its short version; -Dtau2=full plays all) every fourth: each kind of issue
        // (mobile data, service, MMS) and each persona, in a quarter of the time
        List<String> tasks = Tau2Tasks.small().stream().map(Tau2Task::id).toList();
        boolean everyTask = !SharedStack.underCi() || "full".equals(System.getProperty("tau2"));
        List<String> chosen = everyTask ? tasks
                : IntStream.range(0, tasks.size()).filter(i -> i % 4 == 0).mapToObj(tasks::get).toList();

        // When the harness plays them, the guided flows answering (no model)
        List<Played> played = Tau2Runner.play(GATEWAY, PASSWORD, chosen::contains, false, System.out);

        // Then each reaches its end state, on the phone and in the account
        assertThat(played).extracting(Played::taskId).containsExactlyElementsOf(chosen);
        assertThat(played).filteredOn(task -> !task.passed()).extracting(Played::taskId).isEmpty();
    }

    @Test
    @Order(2)
    void withAModelTheToolCallingAgentRefuelsTheLineWhoseDataRanOutOnceTheCustomerConfirms() throws Exception {
        try (ToolCallingModelStub model = ToolCallingModelStub.start()) {
            // Given account-service with a chat model: every flow's turns answered by the tool-calling agent
            stack.restartService("account-service", Map.of("OPENAI_API_KEY", "test-key",
                    "OPENAI_BASE_URL", model.baseUrl(), "SPRING_AI_CHAT_MODEL", "openai"));
            long appliedBefore = appliedAgentRefuels();

            // When the harness plays the task whose line ran out of data
            List<Played> played = Tau2Runner.play(GATEWAY, PASSWORD, DATA_USED_UP::equals, true, System.out);

            // Then the task reaches its end state (2 GB refuelled, data working at excellent speed on the phone)
            assertThat(played).singleElement().satisfies(task -> assertThat(task.passed()).isTrue());
            // through the model's tool calls: the account read, the refuel quoted, then applied once confirmed
            assertThat(model.toolCalls()).startsWith("get_customer").contains("get_line")
                    .filteredOn("refuel_data"::equals).hasSize(2);
            assertThat(model.answers()).anyMatch(answer -> answer.contains("Shall I go ahead?"))
                    .anyMatch(answer -> answer.startsWith("Done:"));
            assertThat(appliedAgentRefuels()).isEqualTo(appliedBefore + 1);
        } finally {
            stack.restartService("account-service", Map.of());
        }
    }

    /** Refuels applied by the agent (its request ids), from account-service's audit log. */
    private static long appliedAgentRefuels() {
        return ((Number) Stores.row("account", "select count(*) as n from account_actions where action = 'refuel_data' "
                + "and outcome = 'applied' and request_id like 'agent:%'").get("n")).longValue();
    }
}
