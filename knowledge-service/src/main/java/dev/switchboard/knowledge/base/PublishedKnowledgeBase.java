package dev.switchboard.knowledge.base;

/**
 * A version of the knowledge base as knowledge-service published it: its id, the checksum of its content, and the
 * validated knowledge base itself.
 */
public record PublishedKnowledgeBase(long versionId, String checksum, KnowledgeBase knowledgeBase) {
}
