package dev.switchboard.language;

import dev.switchboard.events.Suggestion;
import dev.switchboard.schemas.Taxonomy;
import java.util.List;

/**
 * The honest "I don't know": what the customer is told when nothing in the knowledge base answers their question.
 * It cites no article and offers a person, whichever service finds that out (knowledge-service when retrieval finds
 * nothing that supports an answer, llm-fallback-service when the model finds the passages do not cover it).
 */
public final class NoAnswerReply {

    public static final String TEXT = "I'm sorry, I don't have an answer to that. It isn't something our help "
            + "articles cover yet, and I'd rather not guess. A member of our support team can help: choose \"Talk "
            + "to a person\" or type \"agent\".";

    /** The quick reply that reaches a person, as the guardrail's scope reply offers it. */
    public static List<Suggestion> suggestions() {
        return List.of(new Suggestion(Taxonomy.HUMAN_HANDOFF, "Talk to a person"));
    }

    private NoAnswerReply() {
    }
}
