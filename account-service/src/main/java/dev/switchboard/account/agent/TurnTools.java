package dev.switchboard.account.agent;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.PaymentRequestRequest;
import dev.switchboard.account.actions.AccountViews.Quote;
import dev.switchboard.account.actions.AccountViews.RefuelRequest;
import dev.switchboard.account.actions.AccountViews.ResumptionRequest;
import dev.switchboard.account.actions.AccountViews.RoamingRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.platform.web.Caller;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.BiFunction;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import reactor.core.publisher.Mono;

/**
 * The model's tools for one turn: {@link AccountTools}' operations as the turn's signed-in customer, so identity,
 * policy and audit are theirs. The model names no customer and holds no confirmation: a write that needs one is sent
 * with the pending quote's token only when the code saw the customer confirm it ({@code confirmation}), and
 * {@link AccountTools} applies it only if the write is exactly what was quoted. Anything else comes back as a quote
 * for the customer to confirm next turn, or as a refusal.
 */
final class TurnTools {

    /** One account action's database work; the model's whole turn is bounded by the listener. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final AccountTools tools;
    private final Caller caller;
    private final String messageId;
    private final String confirmation;
    private Quote quote;
    private String actionId;
    private boolean transferred;

    /** @param confirmation the pending quote's token when the customer's message confirmed it, else null */
    TurnTools(AccountTools tools, Caller caller, String messageId, String confirmation) {
        this.tools = tools;
        this.caller = caller;
        this.messageId = messageId;
        this.confirmation = confirmation;
    }

    /** The quote a write of this turn asked the customer to confirm, or null. */
    Quote quote() {
        return quote;
    }

    /** The audit id of the write this turn applied, or null. */
    String actionId() {
        return actionId;
    }

    boolean transferred() {
        return transferred;
    }

    @Tool(name = "get_customer", description = "The signed-in customer's account: name, status, line ids, bill ids")
    String customer() {
        return read(tools.customer(caller, null, null));
    }

    @Tool(name = "get_line", description = "One of the customer's lines: phone number, status, plan, data used, "
            + "roaming, contract end")
    String line(@ToolParam(description = "the line id, e.g. L1001") String lineId) {
        return read(tools.line(caller, null, null, lineId));
    }

    @Tool(name = "get_bills", description = "The customer's latest bills, newest first, with their status and amount")
    String bills() {
        return read(tools.bills(caller, null, null, 5));
    }

    @Tool(name = "refuel_data", description = "Add data to an active line (at most 2 GB), at the plan's price per GB. "
            + "The customer must confirm the quoted price first")
    String refuel(@ToolParam(description = "the line id") String lineId,
            @ToolParam(description = "gigabytes to add") BigDecimal gbAmount) {
        return write("refuel_data:" + lineId, (request, token) -> tools.refuel(caller, null, null, lineId,
                new RefuelRequest(request, gbAmount, token)));
    }

    @Tool(name = "enable_roaming", description = "Turn data roaming on for an active line, at no cost, once the "
            + "customer confirmed")
    String enableRoaming(@ToolParam(description = "the line id") String lineId) {
        return write("enable_roaming:" + lineId, (request, token) -> tools.roaming(caller, null, null, lineId,
                new RoamingRequest(request, true, token)));
    }

    @Tool(name = "resume_line", description = "Resume a suspended line once no bill is overdue, once the customer "
            + "confirmed")
    String resume(@ToolParam(description = "the line id") String lineId) {
        return write("resume_line:" + lineId, (request, token) -> tools.resume(caller, null, null, lineId,
                new ResumptionRequest(request, token)));
    }

    @Tool(name = "send_payment_request", description = "Send the customer a payment request for an overdue bill")
    String requestPayment(@ToolParam(description = "the bill id") String billId) {
        return write("send_payment_request:" + billId, (request, token) -> tools.requestPayment(caller, null, null,
                billId, new PaymentRequestRequest(request)));
    }

    @Tool(name = "transfer_to_human_agents", description = "Pass the customer to a person, when the request is out "
            + "of scope or the customer asks for one")
    String transfer(@ToolParam(description = "what the case is, for the person") String summary) {
        return write("transfer_to_human_agents", (request, token) -> tools.transfer(caller, request, summary)
                .doOnNext(result -> transferred = true));
    }

    private String read(Mono<?> value) {
        try {
            return String.valueOf(value.block(CALL_TIMEOUT));
        } catch (ActionRefusedException refused) {
            return refusal(refused);
        }
    }

    /**
     * A write under this turn's request id (the same turn delivered again names the same write, so it is applied
     * once), with the confirmation the customer gave, if any.
     */
    private String write(String what, BiFunction<String, String, Mono<ActionResult>> call) {
        try {
            ActionResult result = call.apply("agent:" + messageId + ":" + what, confirmation).block(CALL_TIMEOUT);
            if (result.quote() != null) {
                quote = result.quote();
                return "Not done yet: the customer must confirm this first. Tell them: " + quote.description()
                        + " (" + quote.price() + " " + quote.currency() + "), and ask whether to go ahead.";
            }
            actionId = result.actionId();
            return "Done: " + result.detail();
        } catch (ActionRefusedException refused) {
            return refusal(refused);
        }
    }

    private static String refusal(ActionRefusedException refused) {
        return "Refused by the policy (" + refused.rule().id() + "): " + refused.getMessage();
    }
}
