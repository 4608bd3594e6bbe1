package dev.switchboard.language;

/** The k highest of a run of values, kept highest first: a message's nearest examples by cosine. */
public final class Highest {

    private Highest() {
    }

    /** Puts {@code value} in its place in {@code highest} (highest first) when it beats the last, which drops out. */
    public static void offer(double[] highest, double value) {
        int k = highest.length;
        if (value > highest[k - 1]) {
            int j = k - 1;
            while (j > 0 && highest[j - 1] < value) {
                highest[j] = highest[j - 1];
                j--;
            }
            highest[j] = value;
        }
    }
}
