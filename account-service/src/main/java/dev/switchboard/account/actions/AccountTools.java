package dev.switchboard.account.actions;

import dev.switchboard.account.actions.AccountActions.Action;
import dev.switchboard.account.actions.AccountActions.Evaluation;
import dev.switchboard.account.actions.AccountViews.AccountBill;
import dev.switchboard.account.actions.AccountViews.AccountCustomer;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.AccountPaymentRequest;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.AreaOutage;
import dev.switchboard.account.actions.AccountViews.PaymentRequest;
import dev.switchboard.account.actions.AccountViews.PaymentRequestRequest;
import dev.switchboard.account.actions.AccountViews.RefuelRequest;
import dev.switchboard.account.actions.AccountViews.ResumptionRequest;
import dev.switchboard.account.actions.AccountViews.RoamingRequest;
import dev.switchboard.account.actions.AccountViews.SuspensionRequest;
import dev.switchboard.account.actions.AccountViews.TechnicianAppointment;
import dev.switchboard.account.actions.AccountViews.TechnicianRequest;
import dev.switchboard.account.audit.Actor;
import dev.switchboard.account.policy.Decision;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.platform.web.Caller;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tools of tau2-bench telecom's TOOLS.md (and ours for home internet) as actions: what each reads, or which rules
 * decide it and what it changes. {@link AccountActions} runs them (identity, confirmation, audit, idempotency); the
 * REST API, the guided flows and the model's tool calls ({@code agent.TurnTools}) go through here.
 */
@Component
public class AccountTools {

    private final AccountActions actions;
    private final AccountStore store;

    AccountTools(AccountActions actions, AccountStore store) {
        this.actions = actions;
        this.store = store;
    }

    // --- reads

    public Mono<AccountCustomer> customer(Caller caller, String verification, String customerId) {
        return actions.read(caller, verification, customerId, new Action("get_customer_by_id", customerId),
                store::customer);
    }

    /** get_details_by_id and get_data_usage of one line. */
    public Mono<AccountLine> line(Caller caller, String verification, String customerId, String lineId) {
        return actions.read(caller, verification, customerId, new Action("get_details_by_id", lineId),
                customer -> store.line(customer, lineId, false));
    }

    public Mono<List<AccountBill>> bills(Caller caller, String verification, String customerId, int limit) {
        return actions.read(caller, verification, customerId, new Action("get_bills_for_customer", null),
                customer -> store.bills(customer, limit));
    }

    public Mono<List<AccountPaymentRequest>> paymentRequests(Caller caller, String verification, String customerId) {
        return actions.read(caller, verification, customerId, new Action("check_payment_request", null),
                store::paymentRequests);
    }

    /** The home-internet outages at the customer's address now. */
    public Mono<List<AreaOutage>> outages(Caller caller, String verification, String customerId) {
        return actions.read(caller, verification, customerId, new Action("check_area_outage", null),
                customer -> store.outages(customer, actions.businessClock().instant()));
    }

    public Mono<List<TechnicianAppointment>> appointments(Caller caller, String verification, String customerId) {
        return actions.read(caller, verification, customerId, new Action("get_technician_appointments", null),
                store::appointments);
    }

    // --- writes

    /** refuel_data: at most 2 GB on an active line, at the plan's price per GB, once the customer confirmed it. */
    public Mono<ActionResult> refuel(Caller caller, String verification, String customerId, String lineId,
            RefuelRequest request) {
        BigDecimal gigabytes = request.gbAmount();
        String amount = gigabytes.stripTrailingZeros().toPlainString();
        return actions.write(caller, verification, customerId, new Action("refuel_data", lineId), request.requestId(),
                request.confirmation(), customer -> store.line(customer, lineId, true).map(line -> {
                    BigDecimal price = Policy.refuelPrice(line.plan().dataRefuelingPricePerGb(), gigabytes);
                    return new Evaluation(Policy.refuel(line.status(), gigabytes), price, "gbAmount=" + amount,
                            "Refuel " + amount + " GB of data on " + line.phoneNumber() + " for " + price + " USD",
                            () -> store.refuel(lineId, gigabytes).thenReturn("refuelled " + amount + " GB on "
                                    + line.phoneNumber()));
                }));
    }

    /** enable_roaming / disable_roaming: at no cost, on an active line, once confirmed. */
    public Mono<ActionResult> roaming(Caller caller, String verification, String customerId, String lineId,
            RoamingRequest request) {
        boolean enable = request.enabled();
        return actions.write(caller, verification, customerId,
                new Action(enable ? "enable_roaming" : "disable_roaming", lineId), request.requestId(),
                request.confirmation(), customer -> store.line(customer, lineId, true).map(line -> new Evaluation(
                        Policy.roaming(line.status()), BigDecimal.ZERO, "enabled=" + enable,
                        (enable ? "Turn data roaming on" : "Turn data roaming off") + " for " + line.phoneNumber()
                                + ", at no cost",
                        () -> store.roaming(lineId, enable).thenReturn("roaming " + (enable ? "on" : "off")
                                + " for " + line.phoneNumber()))));
    }

    /** suspend_line: for an overdue bill or an ended contract only, once confirmed. */
    public Mono<ActionResult> suspend(Caller caller, String verification, String customerId, String lineId,
            SuspensionRequest request) {
        String reason = request.reason().strip();
        return actions.write(caller, verification, customerId, new Action("suspend_line", lineId),
                request.requestId(), request.confirmation(), customer -> store.line(customer, lineId, true)
                        .zipWith(store.lockBillStatuses(customer))
                        .map(both -> {
                            AccountLine line = both.getT1();
                            LocalDate today = LocalDate.now(actions.businessClock());
                            return new Evaluation(Policy.suspend(line.status(), reason, line.contractEndDate(),
                                    today, both.getT2()), BigDecimal.ZERO, "reason=" + reason,
                                    "Suspend " + line.phoneNumber() + " (" + reason + "): it will have no service",
                                    () -> store.suspend(lineId, today).thenReturn("suspended " + line.phoneNumber()));
                        }));
    }

    /** resume_line: once no bill is overdue or awaiting payment, unless the contract ended; once confirmed. */
    public Mono<ActionResult> resume(Caller caller, String verification, String customerId, String lineId,
            ResumptionRequest request) {
        return actions.write(caller, verification, customerId, new Action("resume_line", lineId),
                request.requestId(), request.confirmation(), customer -> store.line(customer, lineId, true)
                        .zipWith(store.lockBillStatuses(customer))
                        .map(both -> {
                            AccountLine line = both.getT1();
                            return new Evaluation(Policy.resume(line.status(), line.contractEndDate(),
                                    LocalDate.now(actions.businessClock()), both.getT2()), BigDecimal.ZERO, "",
                                    "Resume " + line.phoneNumber() + "; the device must be restarted to get service",
                                    () -> store.resume(lineId).thenReturn("resumed " + line.phoneNumber()
                                            + "; restart the device to get service"));
                        }));
    }

    /**
     * send_payment_request: for an overdue bill, when no other bill awaits payment. It costs nothing by itself (the
     * customer confirms the payment), so it needs no confirmation.
     */
    public Mono<ActionResult> requestPayment(Caller caller, String verification, String customerId, String billId,
            PaymentRequestRequest request) {
        return actions.write(caller, verification, customerId, new Action("send_payment_request", billId),
                request.requestId(), null, customer -> store.lockBillStatuses(customer)
                        .then(store.lockBill(customer, billId))
                        .zipWith(store.bills(customer, Integer.MAX_VALUE))
                        .map(both -> {
                            boolean otherAwaiting = both.getT2().stream().anyMatch(bill -> !bill.billId()
                                    .equals(billId) && Policy.AWAITING_PAYMENT.equals(bill.status()));
                            Decision decision = Policy.paymentRequest(both.getT1().status(), otherAwaiting);
                            return new Evaluation(decision, null, "", "",
                                    () -> store.requestPayment(customer, both.getT1()).thenReturn(
                                            "payment request of " + both.getT1().totalDue() + " USD sent for bill "
                                                    + billId));
                        }));
    }

    /** make_payment: by the customer, for the bill they were asked to pay, with a method on file; once confirmed. */
    public Mono<ActionResult> pay(Caller caller, String verification, String customerId, String billId,
            PaymentRequest request) {
        String method = request.paymentMethod().strip();
        return actions.write(caller, verification, customerId, new Action("make_payment", billId),
                request.requestId(), request.confirmation(), customer -> store.lockBill(customer, billId)
                        .flatMap(bill -> Mono.zip(store.pendingPaymentRequest(customer, billId),
                                        store.paymentMethodExpiry(customer, method).defaultIfEmpty(""))
                                .map(found -> new Evaluation(Policy.payment(Actor.of(caller).staff(),
                                        bill.status(), found.getT1(), found.getT2().isEmpty() ? null : found.getT2(),
                                        LocalDate.now(actions.businessClock())), bill.totalDue(),
                                        "paymentMethod=" + method,
                                        "Pay bill " + billId + ", " + bill.totalDue() + " USD, with the payment "
                                                + "method ending in " + method,
                                        () -> store.pay(customer, billId, method).thenReturn("bill " + billId
                                                + " paid")))));
    }

    /** A technician visit for home internet: not during an area outage, in a bookable slot, free; once confirmed. */
    public Mono<ActionResult> bookTechnician(Caller caller, String verification, String customerId,
            TechnicianRequest request) {
        Instant startsAt = request.startsAt();
        return actions.write(caller, verification, customerId, new Action("book_technician", startsAt.toString()),
                request.requestId(), request.confirmation(), customer -> store.lockCustomer(customer)
                        .then(store.outages(customer, actions.businessClock().instant()))
                        .map(outages -> new Evaluation(Policy.technician(startsAt, actions.businessClock().instant(),
                                actions.businessClock().getZone(), !outages.isEmpty()), BigDecimal.ZERO,
                                "reason=" + request.reason().strip(),
                                "A technician visit on " + startsAt.atZone(actions.businessClock().getZone())
                                        + " (" + request.reason().strip() + "), at no cost",
                                () -> store.book(customer, startsAt, request.reason(), caller.userId())
                                        .map(id -> "technician visit " + id + " booked"))));
    }

    /** transfer_to_human_agents, with a summary of the case. */
    public Mono<ActionResult> transfer(Caller caller, String requestId, String summary) {
        return actions.transfer(caller, requestId, summary);
    }
}
