package dev.switchboard.account.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed: tau2-bench telecom's database ({@code seed/tau2-telecom-db.toml}, as published) and our demo data
 * ({@code seed/demo.toml}), read as they are written (snake_case TOML). A field either file has that these records do
 * not know fails the read, so nothing of the data is dropped unnoticed.
 */
final class SeedData {

    static final String TAU2 = "seed/tau2-telecom-db.toml";
    static final String DEMO = "seed/demo.toml";

    private static final TomlMapper TOML = TomlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record Tau2(List<Plan> plans, List<Device> devices, List<Line> lines, List<Customer> customers, List<Bill> bills) {
    }

    record Plan(String planId, String name, BigDecimal dataLimitGb, BigDecimal pricePerMonth,
            BigDecimal dataRefuelingPricePerGb) {
    }

    record Device(String deviceId, String deviceType, String model, String imei, boolean isEsimCapable,
            boolean activated, LocalDateTime activationDate, LocalDateTime lastEsimTransferDate) {
    }

    record Line(String lineId, String phoneNumber, String status, String planId, String deviceId,
            BigDecimal dataUsedGb, BigDecimal dataRefuelingGb, boolean roamingEnabled, LocalDate contractEndDate,
            LocalDate lastPlanChangeDate, LocalDate lastSimReplacementDate, LocalDate suspensionStartDate) {
    }

    record Customer(String customerId, String fullName, LocalDate dateOfBirth, String email, String phoneNumber,
            Address address, String accountStatus, LocalDateTime createdAt, LocalDate lastExtensionDate,
            BigDecimal goodwillCreditUsedThisYear, List<PaymentMethod> paymentMethods, List<String> lineIds,
            List<String> billIds) {
    }

    record Address(String street, String city, String state, String zipCode) {
    }

    record PaymentMethod(String methodType, @JsonProperty("account_number_last_4") String accountNumberLast4,
            String expirationDate) {
    }

    record Bill(String billId, String customerId, LocalDate periodStart, LocalDate periodEnd, LocalDate issueDate,
            BigDecimal totalDue, LocalDate dueDate, String status, List<LineItem> lineItems) {
    }

    record LineItem(String description, BigDecimal amount, LocalDate date, String itemType) {
    }

    record Demo(List<Subject> subjects, List<Outage> outages, List<Appointment> appointments) {
    }

    /** A sign-in (the token's subject) and the customer it is. */
    record Subject(String subject, String customerId) {
    }

    record Outage(String zipCode, String service, OffsetDateTime startedAt, OffsetDateTime expectedEnd,
            String description) {
    }

    record Appointment(String customerId, OffsetDateTime startsAt, String reason) {
    }

    private SeedData() {
    }

    static Tau2 tau2() {
        return read(TAU2, Tau2.class);
    }

    static Demo demo() {
        return read(DEMO, Demo.class);
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = SeedData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return TOML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
