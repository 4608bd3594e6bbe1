package dev.switchboard.loadgen.lag;

import java.util.List;
import java.util.Map;

/**
 * Consumer lag over a run.
 *
 * @param maxByGroup the largest offset lag and time lag of each group over the run
 * @param drainSeconds from the end of the load until every group was at the head; null if that did not happen
 *     within the drain limit
 * @param failedSamples samples Kafka did not answer in time
 * @param samples one a second, from the start of the load to the end of the drain
 */
public record LagReport(Map<String, GroupLag> maxByGroup, Double drainSeconds, int failedSamples,
        List<LagSample> samples) {
}
