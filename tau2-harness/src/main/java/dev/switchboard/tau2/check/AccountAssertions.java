package dev.switchboard.tau2.check;

import dev.switchboard.tau2.check.AccountReader.AccountBill;
import dev.switchboard.tau2.check.AccountReader.AccountLine;
import dev.switchboard.tau2.device.LineFacts;
import dev.switchboard.tau2.device.PaymentRequest;
import dev.switchboard.tau2.task.Arguments;
import java.util.Optional;

/**
 * τ²'s assertions on the agent's side ({@code assert_*} of {@code src/tau2/domains/telecom/tools.py} at
 * sierra-research/tau2-bench@a2c024725189473d2d7cea3a5cfdbcc67478e41f), evaluated on the account as its API shows it,
 * and the line's facts the phone takes in ({@code TelecomEnvironment.sync_tools} of {@code environment.py}).
 */
final class AccountAssertions {

    static final String PAID = "Paid";
    static final String OVERDUE = "Overdue";
    static final String AWAITING_PAYMENT = "Awaiting Payment";
    static final String ACTIVE = "Active";

    private final AccountReader account;

    AccountAssertions(AccountReader account) {
        this.account = account;
    }

    /**
     * Evaluates an assertion by its τ² name. {@code customerId} is the task's customer (the one its phone number
     * finds), for {@code assert_no_overdue_bill}, which names a bill only: τ² looks it up among all bills, the API
     * only among a customer's.
     *
     * @throws IllegalArgumentException for an assertion τ²'s agent side does not have, or wrong arguments
     */
    boolean check(String assertion, Arguments args, String customerId) {
        return switch (assertion) {
            case "assert_data_refueling_amount" -> Math.abs(line(args).dataRefuelingGb().doubleValue()
                    - args.number("expected_amount")) < 1e-6;
            case "assert_line_status" -> line(args).status().equals(args.string("expected_status"));
            case "assert_overdue_bill_exists" -> bill(args.string("customer_id"), args.string("overdue_bill_id"))
                    .map(bill -> bill.status().equals(OVERDUE)).orElse(false);
            case "assert_no_overdue_bill" -> bill(customerId, args.string("overdue_bill_id"))
                    .map(bill -> bill.status().equals(PAID)).orElse(true);
            default -> throw new IllegalArgumentException("the account has no assertion '" + assertion + "'");
        };
    }

    /** The id of the customer with this phone number. */
    String customerId(String phoneNumber) {
        return account.customerByPhone(phoneNumber).customerId();
    }

    /**
     * The facts of the line with this phone number that τ² hands the phone: active, roaming allowed, data used up
     * ({@code used >= limit + refuelled}), and the first bill awaiting payment.
     */
    LineFacts lineFacts(String phoneNumber) {
        AccountReader.AccountCustomer customer = account.customerByPhone(phoneNumber);
        AccountLine line = customer.lineIds().stream()
                .flatMap(lineId -> account.line(customer.customerId(), lineId).stream())
                .filter(candidate -> phoneNumber.equals(candidate.phoneNumber())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no line has the phone number " + phoneNumber));
        boolean exceeded = line.dataUsedGb().compareTo(line.plan().dataLimitGb().add(line.dataRefuelingGb())) >= 0;
        PaymentRequest awaiting = account.bills(customer.customerId()).stream()
                .filter(bill -> bill.status().equals(AWAITING_PAYMENT)).findFirst()
                .map(bill -> new PaymentRequest(bill.billId(), bill.totalDue().doubleValue(), false)).orElse(null);
        return new LineFacts(line.status().equals(ACTIVE), line.roamingEnabled(), exceeded, awaiting);
    }

    private AccountLine line(Arguments args) {
        String customerId = args.string("customer_id");
        String lineId = args.string("line_id");
        return account.line(customerId, lineId).orElseThrow(
                () -> new IllegalArgumentException("customer " + customerId + " has no line " + lineId));
    }

    private Optional<AccountBill> bill(String customerId, String billId) {
        return account.bills(customerId).stream().filter(bill -> bill.billId().equals(billId)).findFirst();
    }
}
