package dev.switchboard.loadgen.traffic;

import java.util.Locale;

/** How the simulated customers reach the gateway. */
public enum Channel {
    REST, WEBSOCKET, MIXED;

    public static Channel parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "rest" -> REST;
            case "ws", "websocket" -> WEBSOCKET;
            case "mixed" -> MIXED;
            default -> throw new IllegalArgumentException("--channel is rest, ws or mixed, got '" + value + "'");
        };
    }

    /** In the mixed mode every other customer uses the WebSocket, so each channel carries half of the messages. */
    Channel forCustomer(int index) {
        return this == MIXED ? (index % 2 == 0 ? REST : WEBSOCKET) : this;
    }

    String label() {
        return this == WEBSOCKET ? "ws" : name().toLowerCase(Locale.ROOT);
    }
}
