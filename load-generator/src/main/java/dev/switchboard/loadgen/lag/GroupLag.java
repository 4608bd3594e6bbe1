package dev.switchboard.loadgen.lag;

/**
 * How far one consumer group is behind the head of its partitions.
 *
 * @param offsetLag records not yet committed, summed over the group's partitions
 * @param timeLagMs how long ago its oldest uncommitted record was written (0 when it is at the head)
 */
public record GroupLag(long offsetLag, long timeLagMs) {

    GroupLag max(GroupLag other) {
        return new GroupLag(Math.max(offsetLag, other.offsetLag), Math.max(timeLagMs, other.timeLagMs));
    }
}
