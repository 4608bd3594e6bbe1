package dev.switchboard.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighestTest {

    @Test
    void keepsTheHighestValuesOfferedHighestFirst() {
        // Given room for the three highest
        double[] highest = {-1, -1, -1};

        // When five values are offered in no order
        for (double value : new double[] {0.2, 0.9, -0.5, 0.4, 0.7}) {
            Highest.offer(highest, value);
        }

        // Then the three highest are kept, highest first
        assertThat(highest).containsExactly(0.9, 0.7, 0.4);
    }
}
