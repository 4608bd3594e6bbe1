package dev.switchboard.tau2.task;

/** Whose environment a τ² function runs in: the customer's phone, or the agent's account database. */
public enum Side {
    USER, ASSISTANT;

    static Side of(String envType) {
        return switch (envType) {
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            default -> throw new IllegalArgumentException("unknown env_type '" + envType + "'");
        };
    }
}
