package dev.switchboard.language.guardrail;

/** What the customer is told instead of an answer, the same wherever the guardrail stops a message. */
public final class GuardrailReplies {

    public static final String REFUSAL = "I'm sorry, but I can't help with that request. I'm here to help with your "
            + "internet, WiFi, TV, phone and mobile service, and with billing. What can I help you with?";

    /** The scope reply to an off-topic request: what the assistant can help with, and a person. */
    public static final String OFF_TOPIC = "That's outside what I can help with. I can answer questions about your "
            + "internet, WiFi, TV, home phone and mobile service, and about billing and your account. "
            + "Type \"agent\" if you'd like to reach a member of our support team.";

    /**
     * The reply to a customer who may be thinking of harming themselves: no answer and no refusal, but where help is
     * now, and a person of ours; it also asks for the service problem, since anger is sometimes said that way.
     */
    public static final String CRISIS = "I'm really sorry you're feeling this way. You don't have to go through it "
            + "alone: if you're in the US, you can call or text 988 (the Suicide & Crisis Lifeline) at any hour, and "
            + "elsewhere your local emergency number or a crisis line can help right now. If you're in danger, please "
            + "call emergency services. You can also choose \"Talk to a person\" to reach a member of our team. "
            + "And if I misread you and this is about your service, tell me what's going on and I'll help.";

    private GuardrailReplies() {
    }
}
