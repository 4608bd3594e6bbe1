package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class OwnHeapTest {

    @Test
    void theLaunchersJvmTakesEveryFlagThatLetsItsHeapShrink() {
        // When the launcher sets its flags
        var refused = OwnHeap.giveBackUnusedHeap();

        // Then the JVM took each of them
        assertThat(refused).isEmpty();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        OwnHeap.FLAGS.forEach((flag, value) -> assertThat(vm.getVMOption(flag).getValue()).as(flag).isEqualTo(value));
    }
}
