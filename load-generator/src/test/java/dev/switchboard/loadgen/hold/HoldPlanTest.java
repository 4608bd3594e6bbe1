package dev.switchboard.loadgen.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HoldPlanTest {

    @Test
    void aTenthOfTwoThousandSocketsSendingEveryTenSecondsIsTwentyMessagesASecond() {
        HoldPlan plan = new HoldPlan(2000, Duration.ofMinutes(5), 0.1, Duration.ofSeconds(10));

        assertThat(plan.activeConnections()).isEqualTo(200);
        assertThat(plan.rate()).isEqualTo(20.0);
    }

    @Test
    void atLeastOneSocketSends() {
        assertThat(new HoldPlan(3, Duration.ofSeconds(20), 0.1, Duration.ofSeconds(10)).activeConnections())
                .isEqualTo(1);
    }
}
