package dev.switchboard.chat.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a closed conversation is kept after its last change
 * @param retentionSweep how often old closed conversations are looked for
 */
@ConfigurationProperties("switchboard.chat")
record RetentionProperties(@DefaultValue("P30D") Duration retention, @DefaultValue("PT1H") Duration retentionSweep) {
}
