package dev.switchboard.tau2.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** John Smith's account as τ²'s db.toml seeds it (customer C1001, line L1002 on plan P1002, 10 GB), held in memory. */
public final class FakeAccount implements AccountReader {

    static final String PHONE = "555-123-2002";

    AccountLine line = new AccountLine("L1002", PHONE, "Active", new AccountPlan("P1002", new BigDecimal("10.0")),
            new BigDecimal("8.7"), BigDecimal.ZERO, true);
    final List<AccountBill> bills = new ArrayList<>(List.of(new AccountBill("B1002", new BigDecimal("65.0"), "Paid")));

    public void setLine(String status, BigDecimal dataUsed, BigDecimal refuelled, boolean roaming) {
        line = new AccountLine(line.lineId(), PHONE, status, line.plan(), dataUsed, refuelled, roaming);
    }

    public void setBill(String billId, String status) {
        bills.removeIf(bill -> bill.billId().equals(billId));
        bills.add(new AccountBill(billId, new BigDecimal("65.0"), status));
    }

    @Override
    public AccountCustomer customerByPhone(String phoneNumber) {
        if (!phoneNumber.equals(PHONE)) {
            throw new IllegalStateException("no customer has " + phoneNumber);
        }
        return new AccountCustomer("C1001", List.of("L1001", "L1002", "L1003"));
    }

    @Override
    public Optional<AccountLine> line(String customerId, String lineId) {
        return customerId.equals("C1001") && lineId.equals(line.lineId()) ? Optional.of(line) : Optional.empty();
    }

    @Override
    public List<AccountBill> bills(String customerId) {
        return customerId.equals("C1001") ? List.copyOf(bills) : List.of();
    }
}
