package dev.switchboard.account.actions;

import dev.switchboard.account.actions.AccountViews.AccountBill;
import dev.switchboard.account.actions.AccountViews.AccountCustomer;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.AccountPaymentRequest;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.AreaOutage;
import dev.switchboard.account.actions.AccountViews.LookupRequest;
import dev.switchboard.account.actions.AccountViews.LookupResult;
import dev.switchboard.account.actions.AccountViews.PaymentRequest;
import dev.switchboard.account.actions.AccountViews.PaymentRequestRequest;
import dev.switchboard.account.actions.AccountViews.RefuelRequest;
import dev.switchboard.account.actions.AccountViews.ResumptionRequest;
import dev.switchboard.account.actions.AccountViews.RoamingRequest;
import dev.switchboard.account.actions.AccountViews.SuspensionRequest;
import dev.switchboard.account.actions.AccountViews.TechnicianAppointment;
import dev.switchboard.account.actions.AccountViews.TechnicianRequest;
import dev.switchboard.account.actions.AccountViews.TransferRequest;
import dev.switchboard.platform.web.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The account API. A customer sees and acts on their own account only (the one their sign-in is linked to); an agent
 * or admin first looks the customer up ({@code POST /lookups}) and sends the verification's id in the
 * {@code Account-Verification} header. Every call is audited; refusals are problem+json naming the policy rule.
 */
@RestController
@RequestMapping("/api/v1/account")
@Validated
class AccountController {

    static final String VERIFICATION = "Account-Verification";

    private final AccountTools tools;
    private final AccountActions actions;

    AccountController(AccountTools tools, AccountActions actions) {
        this.tools = tools;
        this.actions = actions;
    }

    /** get_customer_by_phone / _by_id / _by_name: staff get a verification of the customer found. */
    @PostMapping("/lookups")
    Mono<LookupResult> lookup(Caller caller, @RequestBody LookupRequest request) {
        return actions.lookup(caller, request);
    }

    /** The signed-in customer's own account. */
    @GetMapping("/me")
    Mono<AccountCustomer> me(Caller caller) {
        return tools.customer(caller, null, null);
    }

    @GetMapping("/customers/{customerId}")
    Mono<AccountCustomer> customer(Caller caller, @PathVariable String customerId, @Parameter(description = "staff: "
            + "the id of a lookup of this customer") @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.customer(caller, v, customerId);
    }

    @GetMapping("/customers/{customerId}/lines/{lineId}")
    Mono<AccountLine> line(Caller caller, @PathVariable String customerId, @PathVariable String lineId,
            @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.line(caller, v, customerId, lineId);
    }

    @GetMapping("/customers/{customerId}/bills")
    Mono<List<AccountBill>> bills(Caller caller, @PathVariable String customerId,
            @RequestParam(defaultValue = "12") @Min(1) @Max(100) int limit,
            @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.bills(caller, v, customerId, limit);
    }

    @GetMapping("/customers/{customerId}/payment-requests")
    Mono<List<AccountPaymentRequest>> paymentRequests(Caller caller, @PathVariable String customerId,
            @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.paymentRequests(caller, v, customerId);
    }

    @GetMapping("/customers/{customerId}/outages")
    Mono<List<AreaOutage>> outages(Caller caller, @PathVariable String customerId,
            @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.outages(caller, v, customerId);
    }

    @GetMapping("/customers/{customerId}/appointments")
    Mono<List<TechnicianAppointment>> appointments(Caller caller, @PathVariable String customerId,
            @RequestHeader(name = VERIFICATION, required = false) String v) {
        return tools.appointments(caller, v, customerId);
    }

    @PostMapping("/customers/{customerId}/lines/{lineId}/refuel")
    Mono<ActionResult> refuel(Caller caller, @PathVariable String customerId, @PathVariable String lineId,
            @RequestHeader(name = VERIFICATION, required = false) String v, @Valid @RequestBody RefuelRequest body) {
        return tools.refuel(caller, v, customerId, lineId, body);
    }

    @PostMapping("/customers/{customerId}/lines/{lineId}/roaming")
    Mono<ActionResult> roaming(Caller caller, @PathVariable String customerId, @PathVariable String lineId,
            @RequestHeader(name = VERIFICATION, required = false) String v, @Valid @RequestBody RoamingRequest body) {
        return tools.roaming(caller, v, customerId, lineId, body);
    }

    @PostMapping("/customers/{customerId}/lines/{lineId}/suspension")
    Mono<ActionResult> suspend(Caller caller, @PathVariable String customerId, @PathVariable String lineId,
            @RequestHeader(name = VERIFICATION, required = false) String v,
            @Valid @RequestBody SuspensionRequest body) {
        return tools.suspend(caller, v, customerId, lineId, body);
    }

    @PostMapping("/customers/{customerId}/lines/{lineId}/resumption")
    Mono<ActionResult> resume(Caller caller, @PathVariable String customerId, @PathVariable String lineId,
            @RequestHeader(name = VERIFICATION, required = false) String v,
            @Valid @RequestBody ResumptionRequest body) {
        return tools.resume(caller, v, customerId, lineId, body);
    }

    @PostMapping("/customers/{customerId}/bills/{billId}/payment-request")
    Mono<ActionResult> requestPayment(Caller caller, @PathVariable String customerId, @PathVariable String billId,
            @RequestHeader(name = VERIFICATION, required = false) String v,
            @Valid @RequestBody PaymentRequestRequest body) {
        return tools.requestPayment(caller, v, customerId, billId, body);
    }

    @PostMapping("/customers/{customerId}/bills/{billId}/payment")
    Mono<ActionResult> pay(Caller caller, @PathVariable String customerId, @PathVariable String billId,
            @RequestHeader(name = VERIFICATION, required = false) String v, @Valid @RequestBody PaymentRequest body) {
        return tools.pay(caller, v, customerId, billId, body);
    }

    @PostMapping("/customers/{customerId}/appointments")
    Mono<ActionResult> bookTechnician(Caller caller, @PathVariable String customerId,
            @RequestHeader(name = VERIFICATION, required = false) String v,
            @Valid @RequestBody TechnicianRequest body) {
        return tools.bookTechnician(caller, v, customerId, body);
    }

    /** transfer_to_human_agents, with a summary of the case. */
    @PostMapping("/transfers")
    Mono<ActionResult> transfer(Caller caller, @Valid @RequestBody TransferRequest body) {
        return tools.transfer(caller, body.requestId(), body.summary());
    }
}
