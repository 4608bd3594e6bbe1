package dev.switchboard.account.actions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The bodies of the account API: what it answers and what it takes. Amounts are in USD, data in GB. */
public final class AccountViews {

    private AccountViews() {
    }

    public record AccountAddress(String street, String city, String state, String zipCode) {
    }

    public record AccountPaymentMethod(String methodType, String accountNumberLast4, String expirationDate) {
    }

    /** get_customer_by_* : the profile, the payment methods, and the ids of the lines and bills. */
    public record AccountCustomer(String customerId, String fullName, LocalDate dateOfBirth, String email,
            String phoneNumber, AccountAddress address, String accountStatus, LocalDateTime createdAt,
            LocalDate lastExtensionDate, BigDecimal goodwillCreditUsedThisYear,
            List<AccountPaymentMethod> paymentMethods, List<String> lineIds, List<String> billIds) {
    }

    public record AccountPlan(String planId, String name, BigDecimal dataLimitGb, BigDecimal pricePerMonth,
            BigDecimal dataRefuelingPricePerGb) {
    }

    public record AccountDevice(String deviceId, String deviceType, String model, String imei, boolean esimCapable,
            boolean activated, LocalDateTime activationDate, LocalDateTime lastEsimTransferDate) {
    }

    /** get_details_by_id and get_data_usage of a line: its plan, its device and its data. */
    public record AccountLine(String lineId, String phoneNumber, String status, AccountPlan plan, AccountDevice device,
            BigDecimal dataUsedGb, BigDecimal dataRefuelingGb, boolean roamingEnabled, LocalDate contractEndDate,
            LocalDate lastPlanChangeDate, LocalDate lastSimReplacementDate, LocalDate suspensionStartDate) {
    }

    public record AccountBillItem(String description, BigDecimal amount, LocalDate date, String itemType) {
    }

    public record AccountBill(String billId, LocalDate periodStart, LocalDate periodEnd, LocalDate issueDate,
            BigDecimal totalDue, LocalDate dueDate, String status, List<AccountBillItem> lineItems) {
    }

    /** check_payment_request: a bill the customer was asked to pay. */
    public record AccountPaymentRequest(String billId, BigDecimal amount, String status, Instant requestedAt,
            Instant paidAt) {
    }

    public record AreaOutage(String zipCode, String service, Instant startedAt, Instant expectedEnd, String description) {
    }

    public record TechnicianAppointment(String appointmentId, Instant startsAt, String reason, String status) {
    }

    /** Who a staff member is looking for: one of phone number, customer id, or full name with date of birth. */
    public record LookupRequest(String phoneNumber, String customerId, String fullName, LocalDate dateOfBirth) {
    }

    /**
     * The customer found. {@code verificationId} (staff only) goes in the {@code Account-Verification} header of the
     * calls about this customer until {@code expiresAt}.
     */
    public record LookupResult(String verificationId, String method, Instant expiresAt, AccountCustomer customer) {
    }

    /**
     * A price to confirm: the write is applied when it is sent again with {@code confirmation}, by the same caller,
     * with the same terms, before {@code expiresAt}.
     */
    public record Quote(String confirmation, BigDecimal price, String currency, String description, Instant expiresAt) {
    }

    /**
     * What became of an action: {@code applied}, or {@code confirmation_required} with a {@link Quote}. A request id
     * sent again returns the first result with {@code replayed} true, and changes nothing. (Refusals are problems.)
     */
    public record ActionResult(String actionId, String action, String outcome, String rule, String detail, Quote quote,
            boolean replayed) {

        ActionResult asReplayed() {
            return new ActionResult(actionId, action, outcome, rule, detail, quote, true);
        }
    }

    /** refuel_data. */
    public record RefuelRequest(@Schema(description = "the client's id of this request; the same id again changes nothing")
            @NotBlank @Size(max = 200) String requestId, @NotNull BigDecimal gbAmount, String confirmation) {
    }

    /** enable_roaming / disable_roaming. */
    public record RoamingRequest(@NotBlank @Size(max = 200) String requestId, @NotNull Boolean enabled,
            String confirmation) {
    }

    /** suspend_line: reason overdue_bill or contract_ended. */
    public record SuspensionRequest(@NotBlank @Size(max = 200) String requestId, @NotBlank String reason,
            String confirmation) {
    }

    /** resume_line. */
    public record ResumptionRequest(@NotBlank @Size(max = 200) String requestId, String confirmation) {
    }

    /** send_payment_request. */
    public record PaymentRequestRequest(@NotBlank @Size(max = 200) String requestId) {
    }

    /** make_payment, by the customer: the last four digits of a payment method on file. */
    public record PaymentRequest(@NotBlank @Size(max = 200) String requestId, @NotBlank String paymentMethod,
            String confirmation) {
    }

    /** A technician visit for home internet. */
    public record TechnicianRequest(@NotBlank @Size(max = 200) String requestId, @NotNull Instant startsAt,
            @NotBlank @Size(max = 500) String reason, String confirmation) {
    }

    /** transfer_to_human_agents. */
    public record TransferRequest(@NotBlank @Size(max = 200) String requestId, @Size(max = 2000) String summary) {
    }
}
