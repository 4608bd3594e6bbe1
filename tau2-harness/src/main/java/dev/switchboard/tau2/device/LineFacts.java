package dev.switchboard.tau2.device;

/**
 * What the customer's line is in the account, as τ²'s {@code TelecomEnvironment.sync_tools} hands it to the phone:
 * whether the line is active, allows roaming and has data left ({@code data_used_gb < data_limit_gb +
 * data_refueling_gb}), and the bill awaiting payment, if any (null when none).
 */
public record LineFacts(boolean active, boolean roamingAllowed, boolean dataUsageExceeded,
        PaymentRequest awaitingPayment) {
}
