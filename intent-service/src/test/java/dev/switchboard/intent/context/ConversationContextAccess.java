package dev.switchboard.intent.context;

/** Builds a conversation context with its defaults for tests of other packages. */
public final class ConversationContextAccess {

    private ConversationContextAccess() {
    }

    public static ConversationContext create() {
        return new ConversationContext(new ConversationContext.Settings(1000, 1800));
    }
}
