package dev.switchboard.platform.kafka.versions;

import java.util.Optional;

/**
 * A service's use of the knowledge base versions that knowledge.versions announces: a bean of this type makes the
 * platform follow them (KnowledgeBaseAutoConfiguration), fetch each announced version's content from
 * knowledge-service, check it against the announced checksum and hand it over here.
 */
public interface KnowledgeBaseUser {

    /** A knowledge base version as announced: its id, its label and the checksum of its content. */
    record Version(long versionId, String label, String checksum) {
    }

    /** The version in use now, if any. */
    Optional<Version> inUse();

    /**
     * Starts using a version whose content matched its checksum; called on the follower's own thread, one at a time,
     * and may take seconds. Throws to refuse content it cannot use (it is counted as invalid and tried again later).
     */
    void use(Version version, byte[] content);
}
