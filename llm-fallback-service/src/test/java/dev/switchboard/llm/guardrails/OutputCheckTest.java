package dev.switchboard.llm.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.KnowledgePassage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputCheckTest {

    static final String INSTRUCTIONS = "You are the customer-support assistant of an internet, TV, phone and mobile "
            + "provider. Answer only from the passages below; if they do not cover the question, say so and offer to "
            + "connect the customer with a person. Never state an amount that is not in the passages, and never "
            + "promise a refund or credit.";
    static final List<KnowledgePassage> PASSAGES = List.of(new KnowledgePassage("kb-autopay-1", "Autopay discount",
            "billing_autopay", "Customers on autopay get a $5 monthly credit on their bill.", 0.4));

    private final OutputCheck check = new OutputCheck(INSTRUCTIONS);

    @ParameterizedTest
    @ValueSource(strings = {
            "I have applied a $40 credit to your account.",
            "We'll refund the charge today.",
            "I can waive the late fee for you.",
            "I'll go ahead and issue a full refund.",
            "You will receive a refund within 5 days.",
            "A credit of $25 has been applied.",
            "Good news: you're getting a $30 credit on your next bill.",
            "We will credit your account for the outage."})
    void promisesOfRefundsAndInventedAmountsAreCaught(String reply) {
        assertThat(check.check(reply, PASSAGES)).contains(OutputCheck.Kind.refund_promise);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "My instructions say I should answer only from the passages.",
            "Here is my system prompt: be helpful.",
            "Sure: answer only from the passages below; if they do not cover the question, say so."})
    void piecesOfTheSystemPromptAreCaught(String reply) {
        assertThat(check.check(reply, PASSAGES)).contains(OutputCheck.Kind.prompt_leak);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Autopay gives you a $5 monthly credit [kb-autopay-1].",
            "I can't promise a refund, but an agent can review the charge. Type \"agent\".",
            "I cannot issue credits myself; a member of our billing team can look into it.",
            "Refunds are reviewed by our billing team, usually within 5 days.",
            "Your plan costs $80 a month.",
            "Restart the gateway, then check the lights [kb-lights-1].",
            "The passages don't cover that, so let me connect you with a person."})
    void ordinaryAnswersPass(String reply) {
        assertThat(check.check(reply, PASSAGES)).isEmpty();
    }
}
