package dev.switchboard.tau2.check;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What the end-state checks read of the account: account-service's API (through the gateway, {@link AccountApi}), as
 * the agent's side of τ² reads its database. The records hold the fields the checks use; the API sends more.
 */
public interface AccountReader {

    /** The customer with this phone number (theirs or one of their lines'), as a staff lookup finds them. */
    AccountCustomer customerByPhone(String phoneNumber);

    /** A line of the customer, or empty when the customer has no such line. */
    Optional<AccountLine> line(String customerId, String lineId);

    /** Every bill of the customer. */
    List<AccountBill> bills(String customerId);

    record AccountCustomer(String customerId, List<String> lineIds) {
    }

    record AccountPlan(String planId, BigDecimal dataLimitGb) {
    }

    record AccountLine(String lineId, String phoneNumber, String status, AccountPlan plan, BigDecimal dataUsedGb,
            BigDecimal dataRefuelingGb, boolean roamingEnabled) {
    }

    record AccountBill(String billId, BigDecimal totalDue, String status) {
    }
}
