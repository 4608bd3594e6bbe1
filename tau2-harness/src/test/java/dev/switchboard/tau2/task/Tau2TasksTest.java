package dev.switchboard.tau2.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.tau2.task.Tau2Task.EnvAssertion;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Tau2TasksTest {

    @Test
    void readsTheTwentySmallTasks() {
        // When the bundled small set is read
        List<Tau2Task> tasks = Tau2Tasks.small();

        // Then it has τ²'s 20 tasks, each with its customer and at least one end-state assertion
        assertThat(tasks).hasSize(20);
        assertThat(tasks).extracting(Tau2Task::id).doesNotHaveDuplicates();
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.phoneNumber()).contains("555-123-2002");
            assertThat(task.assertions()).isNotEmpty();
            assertThat(task.scenario().reasonForCall()).isNotBlank();
        });
    }

    @Test
    void readsATaskFieldByField() {
        // When the first task is read
        Tau2Task task = Tau2Tasks.small().get(0);

        // Then its scenario, initial state and criteria are those of tasks_small.json
        assertThat(task.id()).isEqualTo("[mobile_data_issue]user_abroad_roaming_enabled_off[PERSONA:None]");
        assertThat(task.purpose()).isEqualTo("Test resolution path: Mobile Data/Slow Internet Issues.");
        assertThat(task.scenario().persona()).isNull();
        assertThat(task.scenario().knownInfo())
                .isEqualTo("You are John Smith with phone number 555-123-2002. You are currently abroad in France.");
        assertThat(task.initialActions()).extracting(EnvCall::side, EnvCall::function).containsExactly(
                tuple(Side.USER, "set_user_info"),
                tuple(Side.USER, "set_user_location"),
                tuple(Side.USER, "turn_roaming_off"),
                tuple(Side.ASSISTANT, "enable_roaming"));
        assertThat(task.initialActions().get(3).arguments().string("line_id")).isEqualTo("L1002");
        EnvAssertion speed = task.assertions().get(1);
        assertThat(speed.function()).isEqualTo("assert_internet_speed");
        assertThat(speed.arguments().number("expected_speed")).isEqualTo(200.0);
        assertThat(speed.arguments().optionalString("expected_desc")).contains("excellent");
        assertThat(speed.expected()).isTrue();
        assertThat(task.expectedActions()).singleElement().satisfies(action -> {
            assertThat(action.requestor()).isEqualTo("user");
            assertThat(action.name()).isEqualTo("toggle_roaming");
            assertThat(action.compareArgs()).isNull();
        });
        assertThat(task.rewardBasis()).containsExactly("ENV_ASSERTION");
    }

    @Test
    void refusesATaskThatStartsFromAMessageHistory() {
        // Given a task whose initial state has a message history
        String tasks = """
                [{"id": "t1", "user_scenario": {"instructions": {}},
                  "initial_state": {"initialization_actions": [], "message_history": [{"role": "user"}]},
                  "evaluation_criteria": {}}]""";

        // When it is read, then it is refused, naming what is not supported
        assertThatThrownBy(() -> Tau2Tasks.read(new ByteArrayInputStream(tasks.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1")
                .hasMessageContaining("message_history");
    }

    @Test
    void namesAMissingOrMistypedArgument() {
        // Given arguments without a name and with a text as number
        Arguments arguments = Arguments.of(Map.of("expected_speed", "fast"));

        // When they are read, then the error names the argument
        assertThatThrownBy(() -> arguments.string("mode")).hasMessage("missing argument 'mode'");
        assertThatThrownBy(() -> arguments.number("expected_speed"))
                .hasMessage("argument 'expected_speed' must be a number, got \"fast\"");
    }
}
