package dev.switchboard.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * A service JVM's heap, small on purpose so that the whole system fits a laptop.
 *
 * @param max its -Xmx
 * @param initial its -Xms: small by default, because a JVM touches its whole young generation before its first
 *     collection, so a heap sized at -Xmx from the start would be resident memory for nothing. A service that holds
 *     a large live set from its start begins near it instead: with the free ratios the services run with, the old
 *     generation grows by a tenth per full collection, and intent-service's language models (~230 MB) took 17 full
 *     collections and 2.1 s of pauses to fit (docs/benchmarks.md)
 * @param young the young generation's size (-Xmn), or null to leave it to the collector, which grows it with the heap
 *     and keeps it: intent-service's reached ~125 MB at ready while its language models loaded (docs/benchmarks.md)
 */
record Heap(String max, String initial, String young) {

    static Heap upTo(String max) {
        return new Heap(max, "64m", null);
    }

    Heap startingAt(String size) {
        return new Heap(max, size, young);
    }

    Heap withYoung(String size) {
        return new Heap(max, initial, size);
    }

    List<String> options() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + max, "-Xms" + initial));
        if (young != null) {
            options.add("-Xmn" + young);
        }
        return options;
    }
}
