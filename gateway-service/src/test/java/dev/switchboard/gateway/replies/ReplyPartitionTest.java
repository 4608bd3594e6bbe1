package dev.switchboard.gateway.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyPartitionTest {

    @Test
    void theConfiguredInstanceWins() {
        assertThat(ReplyPartition.resolve("5", "gateway-service-2").number()).isEqualTo(5);
    }

    @Test
    void aStatefulSetPodOwnsThePartitionOfItsOrdinal() {
        assertThat(ReplyPartition.resolve("", "gateway-service-2").number()).isEqualTo(2);
        assertThat(ReplyPartition.resolve(null, "laptop").number()).isZero();
    }

    @Test
    void anInstanceBeyondTheReplyPartitionsIsRefused() {
        assertThatThrownBy(() -> ReplyPartition.resolve("8", null)).hasMessageContaining("no reply partition");
        assertThatThrownBy(() -> ReplyPartition.resolve("two", null)).hasMessageContaining("must be a number");
    }
}
