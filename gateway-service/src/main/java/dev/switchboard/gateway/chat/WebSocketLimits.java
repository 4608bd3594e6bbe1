package dev.switchboard.gateway.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFrameBytes the largest text frame a client may send; larger frames close the connection
 * @param messagesPerSecond how many messages one connection may send per second; more get an error frame
 * @param connectionsPerUser how many chat connections one user may hold open at once
 */
@ConfigurationProperties("switchboard.gateway.websocket")
record WebSocketLimits(@DefaultValue("16384") int maxFrameBytes, @DefaultValue("5") int messagesPerSecond,
        @DefaultValue("5") int connectionsPerUser) {
}
