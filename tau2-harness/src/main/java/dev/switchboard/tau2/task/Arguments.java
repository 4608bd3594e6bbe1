package dev.switchboard.tau2.task;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The keyword arguments of a τ² function call ({@code initialization_actions}, {@code env_assertions}, a tool call),
 * read by name and type as the function needs them. A missing or mistyped argument is an
 * {@link IllegalArgumentException} naming it, as Python's call would raise.
 */
public record Arguments(ObjectNode values) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static Arguments none() {
        return new Arguments(JSON.createObjectNode());
    }

    /** Arguments given as a map (a tool call of the simulated user, a test). */
    public static Arguments of(Map<String, ?> values) {
        return new Arguments(JSON.valueToTree(values));
    }

    public String string(String name) {
        return typed(name, JsonNode::isString, "a string").asString();
    }

    public Optional<String> optionalString(String name) {
        return present(name) ? Optional.of(string(name)) : Optional.empty();
    }

    public boolean bool(String name) {
        return typed(name, JsonNode::isBoolean, "a boolean").booleanValue();
    }

    public Optional<Boolean> optionalBool(String name) {
        return present(name) ? Optional.of(bool(name)) : Optional.empty();
    }

    public double number(String name) {
        return typed(name, JsonNode::isNumber, "a number").doubleValue();
    }

    public Optional<Integer> optionalInt(String name) {
        return present(name) ? Optional.of((int) number(name)) : Optional.empty();
    }

    /** A nested object, such as {@code set_apn_settings}'s {@code apn_settings}. */
    public Arguments object(String name) {
        return new Arguments((ObjectNode) typed(name, JsonNode::isObject, "an object"));
    }

    public boolean present(String name) {
        JsonNode value = values.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode typed(String name, Predicate<JsonNode> type, String kind) {
        if (!present(name)) {
            throw new IllegalArgumentException("missing argument '" + name + "'");
        }
        JsonNode value = values.get(name);
        if (!type.test(value)) {
            throw new IllegalArgumentException("argument '" + name + "' must be " + kind + ", got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
