package dev.switchboard.account.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Objects;

/**
 * The support policy as code: every decision on an action comes from here, with the {@link Rule} that made it, so the
 * service never relies on a prompt or a flow to keep it. Pure: the caller loads the state (under a lock for writes)
 * and applies what is allowed.
 */
public final class Policy {

    /** main_policy.md: "The maximum amount of data that can be refueled is 2GB." */
    public static final BigDecimal MAX_REFUEL_GB = new BigDecimal("2");
    public static final String ACTIVE = "Active";
    public static final String SUSPENDED = "Suspended";
    public static final String OVERDUE = "Overdue";
    public static final String AWAITING_PAYMENT = "Awaiting Payment";
    public static final String PAID = "Paid";
    /** The suspension reasons the policy knows. */
    public static final String OVERDUE_BILL = "overdue_bill";
    public static final String CONTRACT_ENDED = "contract_ended";
    /** How far ahead a technician visit can be booked. */
    public static final Duration TECHNICIAN_HORIZON = Duration.ofDays(60);

    private static final LocalTime FIRST_VISIT = LocalTime.of(8, 0);
    private static final LocalTime LAST_VISIT = LocalTime.of(17, 0);
    private static final DateTimeFormatter CARD_EXPIRY = DateTimeFormatter.ofPattern("MM/yyyy");

    private Policy() {
    }

    /**
     * May this caller see or act on {@code requestedCustomer}? A customer only on their own account, which their
     * sign-in is linked to; staff only on the customer their verification (a lookup) names.
     *
     * @param ownCustomer the customer the caller's sign-in is linked to, or null
     * @param verifiedCustomer the customer a staff caller's verification names, or null (none, expired, another's)
     * @param requestedCustomer the account the request names, or null when it names none (the caller's own)
     */
    public static Decision identity(boolean staff, String ownCustomer, String verifiedCustomer,
            String requestedCustomer) {
        if (!staff) {
            if (ownCustomer == null) {
                return Decision.refuse(Rule.IDENTITY_VERIFIED, "Authorization",
                        "no customer account is linked to this sign-in");
            }
            return requestedCustomer == null || requestedCustomer.equals(ownCustomer)
                    ? Decision.allow(Rule.OWN_ACCOUNT_ONLY)
                    : Decision.refuse(Rule.OWN_ACCOUNT_ONLY, "customerId", "a customer sees their own account only");
        }
        if (verifiedCustomer == null) {
            return Decision.refuse(Rule.IDENTITY_VERIFIED, "Account-Verification", "look the customer up first (by "
                    + "phone number, customer id, or full name and date of birth) and send the verification's id");
        }
        return verifiedCustomer.equals(requestedCustomer) ? Decision.allow(Rule.IDENTITY_VERIFIED)
                : Decision.refuse(Rule.IDENTITY_VERIFIED, "Account-Verification",
                        "the verification is for another customer");
    }

    /** How a lookup identifies the customer: by phone number, customer id, or full name with date of birth. */
    public static Decision lookup(String phoneNumber, String customerId, String fullName, LocalDate dateOfBirth) {
        if (present(fullName) && dateOfBirth == null && !present(phoneNumber) && !present(customerId)) {
            return Decision.refuse(Rule.NAME_LOOKUP_NEEDS_DATE_OF_BIRTH, "dateOfBirth",
                    "a lookup by name needs the date of birth");
        }
        if (!present(phoneNumber) && !present(customerId) && !present(fullName)) {
            return Decision.refuse(Rule.IDENTITY_VERIFIED, "phoneNumber",
                    "name a phone number, a customer id, or a full name with the date of birth");
        }
        return Decision.allow(Rule.IDENTITY_VERIFIED);
    }

    /** A refuel of {@code gigabytes} on a line: more than 0, at most 2 GB, on an active line. */
    public static Decision refuel(String lineStatus, BigDecimal gigabytes) {
        if (gigabytes.signum() <= 0 || gigabytes.compareTo(MAX_REFUEL_GB) > 0) {
            return Decision.refuse(Rule.REFUEL_AT_MOST_2_GB, "gbAmount",
                    "a refuel is more than 0 and at most " + MAX_REFUEL_GB + " GB, not " + gigabytes.toPlainString());
        }
        return lineInService(lineStatus).then(() -> Decision.allow(Rule.REFUEL_AT_MOST_2_GB));
    }

    /** The price of a refuel: the plan's price per GB times the amount, in cents. */
    public static BigDecimal refuelPrice(BigDecimal pricePerGb, BigDecimal gigabytes) {
        return pricePerGb.multiply(gigabytes).setScale(2, RoundingMode.HALF_UP);
    }

    /** Roaming is switched (at no cost, main_policy.md "Data Roaming") on an active line only. */
    public static Decision roaming(String lineStatus) {
        return lineInService(lineStatus);
    }

    /**
     * A suspension for one of the policy's reasons, when it is true: an overdue bill, or a contract that ended before
     * {@code today}.
     */
    public static Decision suspend(String lineStatus, String reason, LocalDate contractEnd, LocalDate today,
            Collection<String> billStatuses) {
        Rule rule = Rule.SUSPEND_FOR_OVERDUE_BILL_OR_CONTRACT_END;
        if (!ACTIVE.equals(lineStatus)) {
            return Decision.refuse(rule, "lineId", "only an active line is suspended; this one is " + lineStatus);
        }
        if (OVERDUE_BILL.equals(reason)) {
            return billStatuses.contains(OVERDUE) ? Decision.allow(rule)
                    : Decision.refuse(rule, "reason", "the customer has no overdue bill");
        }
        if (CONTRACT_ENDED.equals(reason)) {
            return contractEnd != null && contractEnd.isBefore(today) ? Decision.allow(rule)
                    : Decision.refuse(rule, "reason", "the line's contract has not ended");
        }
        return Decision.refuse(rule, "reason", "a line is suspended for " + OVERDUE_BILL + " or " + CONTRACT_ENDED
                + " only, not " + reason);
    }

    /** A suspended line is resumed once no bill is overdue or awaiting payment, unless its contract has ended. */
    public static Decision resume(String lineStatus, LocalDate contractEnd, LocalDate today,
            Collection<String> billStatuses) {
        if (!SUSPENDED.equals(lineStatus)) {
            return Decision.refuse(Rule.RESUME_AFTER_OVERDUE_BILLS_PAID, "lineId",
                    "only a suspended line is resumed; this one is " + lineStatus);
        }
        if (billStatuses.contains(OVERDUE) || billStatuses.contains(AWAITING_PAYMENT)) {
            return Decision.refuse(Rule.RESUME_AFTER_OVERDUE_BILLS_PAID, "lineId",
                    "the customer has a bill that is overdue or awaiting payment");
        }
        if (contractEnd != null && contractEnd.isBefore(today)) {
            return Decision.refuse(Rule.NO_RESUME_AFTER_CONTRACT_END, "lineId",
                    "the line's contract ended on " + contractEnd);
        }
        return Decision.allow(Rule.RESUME_AFTER_OVERDUE_BILLS_PAID);
    }

    /**
     * A payment request for a bill that is overdue, when no other bill of the customer awaits payment.
     *
     * @param otherBillAwaiting whether another of the customer's bills is awaiting payment
     */
    public static Decision paymentRequest(String billStatus, boolean otherBillAwaiting) {
        if (!OVERDUE.equals(billStatus)) {
            return Decision.refuse(Rule.PAYMENT_REQUEST_FOR_OVERDUE_BILL_ONLY, "billId",
                    "a payment request is sent for an overdue bill only; this one is " + billStatus);
        }
        return otherBillAwaiting ? Decision.refuse(Rule.ONE_BILL_AWAITING_PAYMENT, "billId",
                "another bill of the customer is already awaiting payment")
                : Decision.allow(Rule.PAYMENT_REQUEST_FOR_OVERDUE_BILL_ONLY);
    }

    /**
     * The customer, themselves, pays a bill that awaits payment after a payment request, with a payment method on
     * file that has not expired.
     *
     * @param methodExpiration the chosen method's expiry (MM/YYYY), or null when the customer has no such method
     */
    public static Decision payment(boolean staff, String billStatus, boolean pendingRequest, String methodExpiration,
            LocalDate today) {
        if (staff) {
            return Decision.refuse(Rule.PAYMENT_BY_THE_CUSTOMER, "Authorization",
                    "the customer pays, themselves; staff send a payment request");
        }
        if (!AWAITING_PAYMENT.equals(billStatus) || !pendingRequest) {
            return Decision.refuse(Rule.PAYMENT_BY_THE_CUSTOMER, "billId",
                    "this bill has no payment request awaiting payment; it is " + billStatus);
        }
        if (methodExpiration == null) {
            return Decision.refuse(Rule.PAYMENT_METHOD_ON_FILE, "paymentMethod",
                    "no payment method on file ends with these digits");
        }
        YearMonth expiry;
        try {
            expiry = YearMonth.parse(methodExpiration, CARD_EXPIRY);
        } catch (DateTimeParseException e) {
            return Decision.refuse(Rule.PAYMENT_METHOD_ON_FILE, "paymentMethod",
                    "the payment method's expiry cannot be read: " + methodExpiration);
        }
        return expiry.isBefore(YearMonth.from(today)) ? Decision.refuse(Rule.PAYMENT_METHOD_ON_FILE, "paymentMethod",
                "the payment method expired in " + methodExpiration) : Decision.allow(Rule.PAYMENT_BY_THE_CUSTOMER);
    }

    /**
     * A technician visit at {@code startsAt}: not while an outage covers the customer's area, and in a slot: on the
     * hour, 08:00 to 17:00 in {@code zone}, from tomorrow to {@link #TECHNICIAN_HORIZON} ahead of {@code now}.
     */
    public static Decision technician(Instant startsAt, Instant now, ZoneId zone, boolean outageInArea) {
        if (outageInArea) {
            return Decision.refuse(Rule.TECHNICIAN_NOT_DURING_AREA_OUTAGE, "customerId",
                    "an outage covers the customer's area; the service comes back when it is fixed");
        }
        ZonedDateTime local = startsAt.atZone(zone);
        LocalDate tomorrow = now.atZone(zone).toLocalDate().plusDays(1);
        boolean onTheHour = local.getMinute() == 0 && local.getSecond() == 0 && local.getNano() == 0;
        boolean inHours = !local.toLocalTime().isBefore(FIRST_VISIT) && !local.toLocalTime().isAfter(LAST_VISIT);
        boolean inRange = !local.toLocalDate().isBefore(tomorrow) && !startsAt.isAfter(now.plus(TECHNICIAN_HORIZON));
        return onTheHour && inHours && inRange ? Decision.allow(Rule.TECHNICIAN_SLOT_BOOKABLE)
                : Decision.refuse(Rule.TECHNICIAN_SLOT_BOOKABLE, "startsAt", "a visit starts on the hour, 08:00 to "
                        + "17:00 (" + zone + "), from tomorrow to " + TECHNICIAN_HORIZON.toDays() + " days ahead");
    }

    /** A transfer to a human agent says what the case is. */
    public static Decision transfer(String summary) {
        return present(summary) ? Decision.allow(Rule.TRANSFER_WHEN_OUT_OF_SCOPE)
                : Decision.refuse(Rule.TRANSFER_WHEN_OUT_OF_SCOPE, "summary",
                        "a transfer tells the human agent what the case is");
    }

    /** Restoring the seed wipes every customer's changes: an admin's call, never a customer's or an agent's. */
    public static Decision seedReset(boolean admin) {
        return admin ? Decision.allow(Rule.SEED_RESET_BY_ADMIN)
                : Decision.refuse(Rule.SEED_RESET_BY_ADMIN, null, "restoring the seed data is for admins");
    }

    /**
     * What a quote stands for: who asked, for which account, which action on what, on which terms, at what price. A
     * write is applied only with a confirmation of exactly these.
     */
    public record Terms(String actor, String customerId, String action, String target, String terms,
            BigDecimal price) {

        public Terms {
            price = price.setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** A quote as stored: its terms, when it expires, and when it was used (null until then). */
    public record Quote(Terms terms, Instant expiresAt, Instant usedAt) {
    }

    /**
     * A write that costs money or changes service, with the confirmation the customer gave: it must be a quote of
     * exactly these terms at the price that holds now, unused and unexpired.
     *
     * @param quote the stored quote the request's confirmation names, or null when there is none
     */
    public static Decision confirmation(Terms now, Quote quote, Instant at) {
        Rule rule = Rule.CONFIRMATION_REQUIRED;
        if (quote == null) {
            return Decision.refuse(rule, "confirmation", "no such quote; ask without a confirmation for one");
        }
        if (quote.usedAt() != null) {
            return Decision.refuse(rule, "confirmation", "this confirmation was used already");
        }
        if (!at.isBefore(quote.expiresAt())) {
            return Decision.refuse(rule, "confirmation", "this confirmation expired; ask for a new quote");
        }
        Terms quoted = quote.terms();
        if (!Objects.equals(quoted.actor(), now.actor()) || !Objects.equals(quoted.customerId(), now.customerId())
                || !Objects.equals(quoted.action(), now.action()) || !Objects.equals(quoted.target(), now.target())
                || !Objects.equals(quoted.terms(), now.terms())) {
            return Decision.refuse(rule, "confirmation", "this confirmation was given for another request");
        }
        if (quoted.price().compareTo(now.price()) != 0) {
            return Decision.refuse(rule, "confirmation", "the price changed from " + quoted.price() + " to "
                    + now.price() + " USD; confirm the new price");
        }
        return Decision.allow(rule);
    }

    private static Decision lineInService(String lineStatus) {
        return ACTIVE.equals(lineStatus) ? Decision.allow(Rule.LINE_IN_SERVICE)
                : Decision.refuse(Rule.LINE_IN_SERVICE, "lineId", "the line is " + lineStatus + ", not active");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
