package dev.switchboard.analytics.reporting;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/analytics/actions}: account-service's actions of a range (from {@code account.actions}), by type
 * and outcome.
 *
 * @param total every action of the range
 * @param actions one count per action type and outcome that occurred, by action then outcome
 */
record ActionReport(Instant from, Instant to, long total, List<ActionCount> actions) {

    static ActionReport of(TimeRange range, List<ActionCount> actions) {
        return new ActionReport(range.from(), range.to(), actions.stream().mapToLong(ActionCount::count).sum(),
                actions);
    }

    /**
     * @param action the tool account-service ran (e.g. {@code refuel_data}, {@code get_customer_by_phone})
     * @param outcome {@code allowed}, {@code applied}, {@code confirmation_required}, {@code refused} or
     *     {@code not_found}
     */
    record ActionCount(String action, String outcome, long count) {

        static ActionCount of(Readable row) {
            return new ActionCount(row.get("action", String.class), row.get("outcome", String.class),
                    row.get("count", Long.class));
        }
    }
}
