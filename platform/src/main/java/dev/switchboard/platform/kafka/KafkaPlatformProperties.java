package dev.switchboard.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retries attempts after the first before a poison record (one that fails for itself) goes to its dead-letter
 *     topic
 * @param retryBackoff first pause between attempts (doubles each time)
 * @param sendTimeout how long a listener waits for the broker to acknowledge what it emitted
 * @param replyOnFailure whether this service answers the customer with a fallback reply when it dead-letters a
 *     pipeline event (the pipeline stages do; stores such as chat-service do not)
 * @param instanceId this instance's name among the replicas of its service, stable across its restarts (the pod's
 *     name in Kubernetes, the module's in the local stack): its consumers are static members of their group; blank
 *     (the default) keeps dynamic membership
 * @param shutdownTimeout how long a stopping listener may take to finish the poll in flight and commit it
 * @param transientMaxBackoff the longest pause between attempts of a record that failed because a dependency (database,
 *     broker) is away: such records are retried until it is back, never dead-lettered
 */
@ConfigurationProperties("switchboard.kafka")
public record KafkaPlatformProperties(@DefaultValue("2") int retries, @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("10s") Duration sendTimeout, @DefaultValue("false") boolean replyOnFailure,
        @DefaultValue("") String instanceId, @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("10s") Duration transientMaxBackoff) {
}
