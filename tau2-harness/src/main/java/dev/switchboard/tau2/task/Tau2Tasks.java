package dev.switchboard.tau2.task;

import dev.switchboard.tau2.task.Tau2Task.EnvAssertion;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import dev.switchboard.tau2.task.Tau2Task.ExpectedAction;
import dev.switchboard.tau2.task.Tau2Task.UserScenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads τ²-bench task files ({@code tasks_small.json}: a JSON array of tasks, as {@code tau2.data_model.tasks.Task}
 * defines them). Tasks that start from initialization data or a message history are refused: the telecom tasks use
 * neither, and the harness would not know how to set them up.
 */
public final class Tau2Tasks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Tau2Tasks() {
    }

    /** The 20 tasks of τ²-bench telecom's small set, bundled with the harness. */
    public static List<Tau2Task> small() {
        try (InputStream in = Tau2Tasks.class.getResourceAsStream("/tau2/tasks_small.json")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Tau2Task> read(InputStream in) {
        JsonNode tasks = JSON.readTree(in);
        if (tasks.has("tasks")) {
            tasks = tasks.get("tasks");
        }
        List<Tau2Task> read = new ArrayList<>();
        for (JsonNode task : tasks) {
            read.add(task(task));
        }
        return read;
    }

    private static Tau2Task task(JsonNode task) {
        String id = task.get("id").asString();
        JsonNode initial = task.path("initial_state");
        for (String unsupported : List.of("initialization_data", "message_history")) {
            if (initial.hasNonNull(unsupported)) {
                throw new IllegalArgumentException("task " + id + ": initial_state." + unsupported + " is not supported");
            }
        }
        JsonNode instructions = task.path("user_scenario").path("instructions");
        UserScenario scenario = new UserScenario(text(task.path("user_scenario").path("persona")),
                text(instructions.path("reason_for_call")), text(instructions.path("known_info")),
                text(instructions.path("unknown_info")), text(instructions.path("task_instructions")));
        JsonNode criteria = task.path("evaluation_criteria");
        return new Tau2Task(id, text(task.path("description").path("purpose")), scenario, text(task.path("ticket")),
                list(initial.path("initialization_actions"),
                        call -> new EnvCall(Side.of(call.get("env_type").asString()), call.get("func_name").asString(),
                                arguments(call))),
                list(criteria.path("env_assertions"),
                        assertion -> new EnvAssertion(Side.of(assertion.get("env_type").asString()),
                                assertion.get("func_name").asString(), arguments(assertion),
                                assertion.path("assert_value").asBoolean(true), text(assertion.path("message")))),
                list(criteria.path("actions"),
                        action -> new ExpectedAction(action.get("action_id").asString(),
                                action.get("requestor").asString(), action.get("name").asString(), arguments(action),
                                action.hasNonNull("compare_args") ? list(action.get("compare_args"), JsonNode::asString)
                                        : null)),
                list(criteria.path("reward_basis"), JsonNode::asString));
    }

    private static Arguments arguments(JsonNode call) {
        JsonNode arguments = call.path("arguments");
        return arguments.isObject() ? new Arguments((ObjectNode) arguments) : Arguments.none();
    }

    /** A list that τ² may leave null: empty then. */
    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> list = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(node -> list.add(element.apply(node)));
        }
        return list;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
