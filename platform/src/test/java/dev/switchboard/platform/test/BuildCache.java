package dev.switchboard.platform.test;

import java.nio.file.Path;

/**
 * Where the tests of one build keep what they compute from the repository's content alone: embeddings and trained
 * heads, each file named by the checksum of what it was computed from, so a file found there is the one the test would
 * compute. The same texts were embedded by a dozen test classes and the stack; once per build saves minutes of CI.
 * The build sets the directory (the root pom: {@code target/build-cache} of the repository); a test run outside Maven
 * keeps its own under the module's {@code target}.
 */
public final class BuildCache {

    /** The system property the root pom sets for every test JVM. */
    public static final String PROPERTY = "switchboard.build-cache";
    /** Outside Maven: the module's own, relative to its directory. */
    private static final String OUTSIDE_MAVEN = "target/build-cache";
    /** For a Spring test's properties: the build's cache as the embedding cache. */
    public static final String EMBEDDING_CACHE_DIR = "switchboard.embedding.cache-dir=${" + PROPERTY + ":"
            + OUTSIDE_MAVEN + "}";

    private BuildCache() {
    }

    public static Path directory() {
        return Path.of(System.getProperty(PROPERTY, OUTSIDE_MAVEN));
    }
}
