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
 * @param flowTtl how long a guided flow may be idle and go on: intent-service's {@code FLOW_TTL_SECONDS}, after which
 *     it no longer routes the conversation's turns to the flow
 * @param outbox how the audit's events leave for {@code account.actions}
 * @param reset the development-only reset of the seed data
 */
@ConfigurationProperties("switchboard.account")
public record AccountProperties(String businessTime, @DefaultValue("America/New_York") ZoneId zone,
        @DefaultValue("30m") Duration verificationTtl, @DefaultValue("15m") Duration quoteTtl,
        @DefaultValue("30m") Duration flowTtl, @DefaultValue Outbox outbox, @DefaultValue Reset reset) {

    /** The property that serves {@code POST /api/v1/account/admin/reset}; without it the path is 404. */
    public static final String RESET_ENABLED = "switchboard.account.reset.enabled";

    /**
     * @param pollInterval how often the outbox is read when no action nudged it (another replica's actions, a
     *     failed publication)
     * @param batchSize how many events one transaction of the relay publishes
     */
    public record Outbox(@DefaultValue("1s") Duration pollInterval, @DefaultValue("200") int batchSize) {
    }

    /**
     * @param enabled whether an admin may restore the seed data, throwing away every change since: for the tau2
     *     harness, which plays its tasks one after another on the same stack (the local stack turns it on); never in a
     *     deployment
     */
    public record Reset(@DefaultValue("false") boolean enabled) {
    }

    /** The policy's clock: fixed at {@link #businessTime} when set, else the system's. */
    public Clock businessClock() {
        return businessTime == null || businessTime.isBlank() ? Clock.system(zone)
                : Clock.fixed(OffsetDateTime.parse(businessTime).toInstant(), zone);
    }
}
