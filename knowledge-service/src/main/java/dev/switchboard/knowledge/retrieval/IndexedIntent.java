package dev.switchboard.knowledge.retrieval;

import dev.switchboard.knowledge.base.KnowledgeBase;

/** An intent's position in the index's arrays. */
record IndexedIntent(int index, String id, KnowledgeBase.Entry entry) {
}
