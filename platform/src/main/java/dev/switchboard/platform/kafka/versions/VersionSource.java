package dev.switchboard.platform.kafka.versions;

/** Where a knowledge base version's content comes from: the document's bytes exactly as published. */
@FunctionalInterface
interface VersionSource {

    /** Throws when the content cannot be had now (a later try may succeed). */
    byte[] content(long versionId);
}
