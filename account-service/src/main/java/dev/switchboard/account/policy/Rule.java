package dev.switchboard.account.policy;

/**
 * The rules of the support policy (tau2-bench telecom's main_policy.md, and ours for home internet), each with the
 * name an audit row and an {@code account.actions} event give as the reason an action was allowed or refused.
 */
public enum Rule {

    /** Account data only for a verified customer: the signed-in customer, or one staff looked up. */
    IDENTITY_VERIFIED("identity-verified"),
    /** A customer sees and acts on their own account only. */
    OWN_ACCOUNT_ONLY("own-account-only"),
    /** A lookup by full name needs the date of birth too. */
    NAME_LOOKUP_NEEDS_DATE_OF_BIRTH("name-lookup-needs-date-of-birth"),
    /** A write that costs money or changes service needs the customer's confirmation of the quoted price. */
    CONFIRMATION_REQUIRED("confirmation-required"),
    /** At most 2 GB of data per refuel. */
    REFUEL_AT_MOST_2_GB("refuel-at-most-2-gb"),
    /** Data and roaming change only on an active line. */
    LINE_IN_SERVICE("line-in-service"),
    /** A line is suspended only for an overdue bill or a contract that has ended. */
    SUSPEND_FOR_OVERDUE_BILL_OR_CONTRACT_END("suspend-for-overdue-bill-or-contract-end"),
    /** A suspended line is resumed only once every overdue bill is paid. */
    RESUME_AFTER_OVERDUE_BILLS_PAID("resume-after-overdue-bills-paid"),
    /** A line whose contract has ended is not resumed, even with every bill paid. */
    NO_RESUME_AFTER_CONTRACT_END("no-resume-after-contract-end"),
    /** A payment request is sent for an overdue bill only. */
    PAYMENT_REQUEST_FOR_OVERDUE_BILL_ONLY("payment-request-for-overdue-bill-only"),
    /** A customer has at most one bill awaiting payment. */
    ONE_BILL_AWAITING_PAYMENT("one-bill-awaiting-payment"),
    /** The customer pays, themselves, a bill they were sent a payment request for. */
    PAYMENT_BY_THE_CUSTOMER("payment-by-the-customer"),
    /** A payment uses a payment method on file that has not expired. */
    PAYMENT_METHOD_ON_FILE("payment-method-on-file"),
    /** No technician visit while an area outage covers the customer's address: the visit cannot fix it. */
    TECHNICIAN_NOT_DURING_AREA_OUTAGE("technician-not-during-area-outage"),
    /** A technician visit starts on the hour, between 08:00 and 17:00, from tomorrow to 60 days ahead. */
    TECHNICIAN_SLOT_BOOKABLE("technician-slot-bookable"),
    /** What the actions cannot handle goes to a human agent, with a summary of the case. */
    TRANSFER_WHEN_OUT_OF_SCOPE("transfer-when-out-of-scope"),
    /** The seed data is restored (a development reset, where it is enabled at all) by an admin only. */
    SEED_RESET_BY_ADMIN("seed-reset-by-admin");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** The rule's name in audit rows, events and problems. */
    public String id() {
        return id;
    }
}
