package dev.switchboard.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retries attempts after the first before a record goes to its dead-letter topic
 * @param retryBackoff first pause between attempts (doubles each time)
 * @param sendTimeout how long a listener waits for the broker to acknowledge what it emitted
 * @param replyOnFailure whether this service answers the customer with a fallback reply when it dead-letters a
 *     pipeline event (the pipeline stages do; stores such as chat-service do not)
 */
@ConfigurationProperties("switchboard.kafka")
public record KafkaPlatformProperties(@DefaultValue("2") int retries, @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("10s") Duration sendTimeout, @DefaultValue("false") boolean replyOnFailure) {
}
