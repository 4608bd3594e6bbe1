package dev.switchboard.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param instance this instance's reply partition; empty means: the ordinal at the end of the host name (a
 *     StatefulSet pod {@code gateway-service-2} owns partition 2), or 0
 * @param replyTimeout how long a customer waits before getting a fallback answer instead of silence
 * @param maxContentLength the longest message a customer may send, in characters
 */
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(String instance, @DefaultValue("25s") Duration replyTimeout,
        @DefaultValue("4000") int maxContentLength) {
}
