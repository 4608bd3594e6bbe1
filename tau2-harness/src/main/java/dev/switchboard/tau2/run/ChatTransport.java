package dev.switchboard.tau2.run;

import java.util.List;

/** The stack's chat, as a customer uses it: a message (or a clicked option) in, the assistant's reply out. */
public interface ChatTransport {

    /**
     * Sends a customer message into the conversation (null: a new one) and returns the reply.
     *
     * @param choice the id of the option clicked, or null when the message is only typed
     */
    Reply send(String conversationId, String content, String choice);

    /** The reply as the public API shows it: its words, who made it, and its quick replies. */
    record Reply(String conversationId, String content, String source, List<Option> suggestions) {

        public Reply {
            suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        }
    }

    record Option(String id, String label) {
    }
}
