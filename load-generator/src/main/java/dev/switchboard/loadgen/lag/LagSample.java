package dev.switchboard.loadgen.lag;

import java.util.Map;

/**
 * The lag of every group at one moment.
 *
 * @param atSeconds since the load started (negative before it)
 * @param groups group id → lag
 */
public record LagSample(double atSeconds, Map<String, GroupLag> groups) {

    boolean atHead() {
        return groups.values().stream().allMatch(lag -> lag.offsetLag() == 0);
    }
}
