package dev.switchboard.tau2.device;

/**
 * τ²'s {@code PaymentRequest}: a bill the agent asked the customer to pay, as the customer's phone shows it. The
 * amount is a double because τ² prints it as a Python float ({@code 65.0 USD}), which {@link Double#toString} matches.
 */
public record PaymentRequest(String billId, double amountDue, boolean paid) {

    PaymentRequest asPaid() {
        return new PaymentRequest(billId, amountDue, true);
    }
}
