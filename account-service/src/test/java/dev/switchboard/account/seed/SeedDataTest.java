package dev.switchboard.account.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedDataTest {

    @Test
    void theTau2DatabaseIsReadWhole() {
        // When tau2-bench's db.toml is read
        SeedData.Tau2 tau2 = SeedData.tau2();

        // Then every record of it is there, with its nested tables
        assertThat(tau2.plans()).hasSize(5);
        assertThat(tau2.devices()).hasSize(9);
        assertThat(tau2.lines()).hasSize(9);
        assertThat(tau2.customers()).extracting(SeedData.Customer::customerId)
                .containsExactly("C1001", "C1002", "C1003", "C1004");
        assertThat(tau2.bills()).hasSize(6);
        SeedData.Customer john = tau2.customers().get(0);
        assertThat(john.address().zipCode()).isEqualTo("90210");
        assertThat(john.paymentMethods()).containsExactly(new SeedData.PaymentMethod("Credit Card", "1235", "12/2026"));
        assertThat(john.lineIds()).containsExactly("L1001", "L1002", "L1003");
        assertThat(tau2.bills().get(0).lineItems()).hasSize(4);
        assertThat(tau2.plans().get(1).dataRefuelingPricePerGb()).isEqualByComparingTo(new BigDecimal("2.0"));
        // and every line belongs to exactly one customer
        List<String> owned = tau2.customers().stream().flatMap(c -> c.lineIds().stream()).toList();
        assertThat(owned).containsExactlyInAnyOrderElementsOf(
                tau2.lines().stream().map(SeedData.Line::lineId).toList());
    }

    @Test
    void theDemoUsersAreSeededCustomers() {
        // Given the demo data and tau2-bench's customers
        SeedData.Demo demo = SeedData.demo();
        List<String> customers = SeedData.tau2().customers().stream().map(SeedData.Customer::customerId).toList();

        // Then alice and bob sign in as seeded customers, and the outages and appointments are ours to show
        assertThat(demo.subjects()).containsExactly(new SeedData.Subject("alice", "C1001"),
                new SeedData.Subject("bob", "C1002"));
        assertThat(demo.subjects()).allSatisfy(s -> assertThat(customers).contains(s.customerId()));
        assertThat(demo.outages()).isNotEmpty();
        assertThat(demo.appointments()).allSatisfy(a -> assertThat(customers).contains(a.customerId()));
    }
}
