package dev.switchboard.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param instance this instance's reply partition; empty means: the ordinal at the end of the host name (a
 *     StatefulSet pod {@code gateway-service-2} owns partition 2), or 0
 * @param replyTimeout how long a customer waits before getting a fallback answer instead of silence
 * @param maxContentLength the longest message a customer may send, in characters
 * @param maxInFlight customer messages this instance waits on at once; more are answered 503 with Retry-After at once,
 *     so that under overload a customer hears within a second instead of queueing towards the reply timeout
 * @param shedAboveWait past {@code shedFloor} messages in flight, new ones are refused the same way while the wait
 *     they can expect (in flight ÷ recent replies per second) is longer than this; well under the 2 s within which
 *     an overloaded gateway is to answer everyone, since the wait of each admitted message spreads around it
 * @param shedFloor messages in flight below which nothing is refused for the expected wait
 */
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(String instance, @DefaultValue("25s") Duration replyTimeout,
        @DefaultValue("4000") int maxContentLength, @DefaultValue("500") int maxInFlight,
        @DefaultValue("500ms") Duration shedAboveWait, @DefaultValue("32") int shedFloor) {
}
