package dev.switchboard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * account-service's settings.
 *
 * @param businessTime the time the policy's dates are judged at (contract ends, area outages, technician slots): the
 *     tau2-bench policy's "current time" by default, since its data is dated around it; empty for the real clock
 * @param zone the time zone of the policy's dates and the technicians' hours
 * @param verificationTtl how long a staff member's lookup of a customer lets them see and act on that account
 * @param quoteTtl how long a quoted price can be confirmed
 * @param outbox how the audit's events leave for {@code account.actions}
 */
@ConfigurationProperties("switchboard.account")
public record AccountProperties(String businessTime, @DefaultValue("America/New_York") ZoneId zone,
        @DefaultValue("30m") Duration verificationTtl, @DefaultValue("15m") Duration quoteTtl,
        @DefaultValue Outbox outbox) {

    /**
     * @param pollInterval how often the outbox is read when no action nudged it (another replica's actions, a
     *     failed publication)
     * @param batchSize how many events one transaction of the relay publishes
     */
    public record Outbox(@DefaultValue("1s") Duration pollInterval, @DefaultValue("200") int batchSize) {
    }

    /** The policy's clock: fixed at {@link #businessTime} when set, else the system's. */
    public Clock businessClock() {
        return businessTime == null || businessTime.isBlank() ? Clock.system(zone)
                : Clock.fixed(OffsetDateTime.parse(businessTime).toInstant(), zone);
    }
}
