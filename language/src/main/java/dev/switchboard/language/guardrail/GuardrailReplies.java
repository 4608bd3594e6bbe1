package dev.switchboard.language.guardrail;

/** What the customer is told instead of an answer, the same wherever the guardrail stops a message. */
public final class GuardrailReplies {

    public static final String REFUSAL = "I'm sorry, but I can't help with that request. I'm here to help with your "
            + "internet, WiFi, TV, phone and mobile service, and with billing. What can I help you with?";

    /** The scope reply to an off-topic request: what the assistant can help with, and a person. */
    public static final String OFF_TOPIC = "That's outside what I can help with. I can answer questions about your "
            + "internet, WiFi, TV, home phone and mobile service, and about billing and your account. "
            + "Type \"agent\" if you'd like to reach a member of our support team.";

    private GuardrailReplies() {
    }
}
