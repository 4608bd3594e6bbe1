package dev.switchboard.account.agent;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.Quote;
import dev.switchboard.platform.web.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers a guided-flow turn with a tool-calling model, when one is configured ({@code SPRING_AI_CHAT_MODEL=openai}
 * and a key, as llm-fallback-service); without one the scripted flows answer. The model chooses the tools; the code
 * decides what they may do ({@link TurnTools}): every call goes through {@link AccountTools} as the signed-in customer,
 * and a write that needs a confirmation carries one only when the customer's own message confirmed the quote of an
 * earlier turn, which the model can neither see nor make up.
 */
@Component
public class ToolAgent {

    /** The buttons of a quote: the scripted flows' own ids. */
    public static final String CONFIRM = "confirm";
    public static final String DECLINE = "decline";

    /** A typed confirmation: the whole message says yes, and nothing else. */
    private static final Pattern YES = Pattern.compile(
            "(yes|yes please|yep|sure|ok|okay|confirm|confirmed|go ahead|please do)[.! ]*");

    private static final String SYSTEM = """
            You are the customer-service agent of a telecom operator, talking with a signed-in customer about their \
            own account. Use the tools to read the account and to act on it; never invent account data. A write that \
            costs money or changes service is only quoted until the customer confirms it: tell them the quote and ask. \
            Answer briefly, in plain sentences.""";

    private final ChatClient chat;
    private final AccountTools tools;
    private final AgentProperties properties;

    ToolAgent(ObjectProvider<ChatModel> model, AccountTools tools, AgentProperties properties) {
        ChatModel configured = model.getIfAvailable();
        this.chat = configured == null ? null : ChatClient.create(configured);
        this.tools = tools;
        this.properties = properties;
    }

    /** Whether the agent answers this flow's turns: a chat model is configured, for this flow. Else its script does. */
    public boolean answers(String flow) {
        return chat != null && (properties.flows().isEmpty() || properties.flows().contains(flow));
    }

    /** How many of the conversation's earlier flow turns the model sees. */
    public int historyTurns() {
        return properties.historyTurns();
    }

    /**
     * One customer turn.
     *
     * @param pending the quote an earlier turn asked the customer to confirm, or null
     * @param history the conversation's earlier flow turns, oldest first (the customer's own only)
     */
    public record AgentTurn(Caller caller, String messageId, String text, String choice, Pending pending,
            List<Exchange> history) {
    }

    /** An earlier turn of the conversation: what the customer said (null: nothing typed) and what was replied. */
    public record Exchange(String said, String replied) {
    }

    /** A quote waiting for the customer's confirmation: its token (never shown to the model) and its words. */
    public record Pending(String confirmation, String description) {
    }

    /**
     * The agent's reply.
     *
     * @param asksConfirmation whether this reply quotes a write for the customer to confirm (yes / no buttons)
     * @param pending the quote still waiting for a confirmation after this turn, or null
     * @param actionId the audit id of the write this turn applied, or null
     * @param ended whether the customer was passed to a person
     */
    public record AgentReply(String content, boolean asksConfirmation, Pending pending, String actionId,
            boolean ended) {
    }

    /** The model's answer to the turn, with the tools this customer may use. Blocking: call it off event loops. */
    public AgentReply answer(AgentTurn turn) {
        if (chat == null) {
            throw new IllegalStateException("no chat model is configured");
        }
        Pending pending = turn.pending();
        boolean confirmed = pending != null && confirms(turn);
        boolean declined = pending != null && DECLINE.equals(turn.choice());
        TurnTools turnTools = new TurnTools(tools, turn.caller(), turn.messageId(),
                confirmed ? pending.confirmation() : null);
        String system = SYSTEM + (pending == null ? "" : "\nWaiting for the customer's confirmation: "
                + pending.description() + (confirmed ? ". The customer has just confirmed it: do it now."
                : declined ? ". The customer declined it: do not do it." : ""));
        String content = chat.prompt().system(system).messages(messages(turn.history()))
                .user(turn.text() == null ? "" : turn.text()).tools(turnTools).call().content();
        Quote quote = turnTools.quote();
        Pending after = quote != null ? new Pending(quote.confirmation(), quote.description())
                : turnTools.actionId() != null || declined ? null : pending;
        return new AgentReply(content, quote != null, after,
                turnTools.actionId(), turnTools.transferred());
    }

    /** The earlier turns as the model's conversation: its own earlier answers included, the tools' results not. */
    private static List<Message> messages(List<Exchange> history) {
        List<Message> messages = new ArrayList<>();
        for (Exchange exchange : history) {
            if (exchange.said() != null && !exchange.said().isBlank()) {
                messages.add(new UserMessage(exchange.said()));
            }
            messages.add(new AssistantMessage(exchange.replied()));
        }
        return messages;
    }

    private static boolean confirms(AgentTurn turn) {
        if (turn.choice() != null) {
            return CONFIRM.equals(turn.choice());
        }
        return turn.text() != null && YES.matcher(turn.text().strip().toLowerCase(Locale.ROOT)).matches();
    }
}
