package dev.switchboard.account.seed;

import static dev.switchboard.account.Sql.orNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the seed into an empty database, once, before the service takes requests: replicas starting together load it
 * once (the first holds the customers table's lock, the others then find customers). A database with customers is
 * never touched.
 */
@Component
class SeedImport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedImport.class);
    /** Who booked the seeded appointments. */
    static final String SEED = "seed";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    SeedImport(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean imported = transaction.transactional(db.sql("lock table customers in exclusive mode").then()
                .then(db.sql("select count(*) as n from customers").map(row -> row.get("n", Long.class)).one())
                .flatMap(count -> count > 0 ? Mono.just(false) : load(SeedData.tau2(), SeedData.demo())
                        .thenReturn(true)))
                .block();
        log.info(Boolean.TRUE.equals(imported) ? "imported the seed ({} and {}) into an empty database"
                : "the database has customers: the seed ({} and {}) was not imported", SeedData.TAU2, SeedData.DEMO);
    }

    /** Inserts the seed into empty tables, in the caller's transaction. */
    Mono<Void> load(SeedData.Tau2 tau2, SeedData.Demo demo) {
        Map<String, String> ownerOfLine = new HashMap<>();
        tau2.customers().forEach(c -> c.lineIds().forEach(line -> ownerOfLine.put(line, c.customerId())));
        List<Mono<Void>> inserts = new ArrayList<>();
        tau2.plans().forEach(p -> inserts.add(insert("plans", Map.of("plan_id", p.planId(), "name", p.name(),
                "data_limit_gb", p.dataLimitGb(), "price_per_month", p.pricePerMonth(),
                "data_refueling_price_per_gb", p.dataRefuelingPricePerGb()))));
        tau2.devices().forEach(d -> inserts.add(insert("devices", columns("device_id", d.deviceId(),
                "device_type", d.deviceType(), "model", d.model(), "imei", orNull(d.imei(), String.class),
                "is_esim_capable", d.isEsimCapable(), "activated", d.activated(),
                "activation_date", orNull(d.activationDate(), LocalDateTime.class),
                "last_esim_transfer_date", orNull(d.lastEsimTransferDate(), LocalDateTime.class)))));
        for (SeedData.Customer c : tau2.customers()) {
            inserts.add(insert("customers", columns("customer_id", c.customerId(), "full_name", c.fullName(),
                    "date_of_birth", c.dateOfBirth(), "email", c.email(), "phone_number", c.phoneNumber(),
                    "street", c.address().street(), "city", c.address().city(), "state", c.address().state(),
                    "zip_code", c.address().zipCode(), "account_status", c.accountStatus(),
                    "created_at", c.createdAt(), "last_extension_date", orNull(c.lastExtensionDate(), LocalDate.class),
                    "goodwill_credit_used_this_year", c.goodwillCreditUsedThisYear())));
            c.paymentMethods().forEach(m -> inserts.add(insert("payment_methods", Map.of(
                    "customer_id", c.customerId(), "method_type", m.methodType(),
                    "account_number_last_4", m.accountNumberLast4(), "expiration_date", m.expirationDate()))));
        }
        for (SeedData.Line l : tau2.lines()) {
            String owner = ownerOfLine.get(l.lineId());
            if (owner == null) {
                throw new IllegalStateException(SeedData.TAU2 + ": line " + l.lineId() + " belongs to no customer");
            }
            inserts.add(insert("lines", columns("line_id", l.lineId(), "customer_id", owner,
                    "phone_number", l.phoneNumber(), "status", l.status(), "plan_id", l.planId(),
                    "device_id", orNull(l.deviceId(), String.class), "data_used_gb", l.dataUsedGb(),
                    "data_refueling_gb", l.dataRefuelingGb(), "roaming_enabled", l.roamingEnabled(),
                    "contract_end_date", orNull(l.contractEndDate(), LocalDate.class),
                    "last_plan_change_date", orNull(l.lastPlanChangeDate(), LocalDate.class),
                    "last_sim_replacement_date", orNull(l.lastSimReplacementDate(), LocalDate.class),
                    "suspension_start_date", orNull(l.suspensionStartDate(), LocalDate.class))));
        }
        for (SeedData.Bill b : tau2.bills()) {
            inserts.add(insert("bills", Map.of("bill_id", b.billId(), "customer_id", b.customerId(),
                    "period_start", b.periodStart(), "period_end", b.periodEnd(), "issue_date", b.issueDate(),
                    "total_due", b.totalDue(), "due_date", b.dueDate(), "status", b.status())));
            for (int i = 0; i < b.lineItems().size(); i++) {
                SeedData.LineItem item = b.lineItems().get(i);
                inserts.add(insert("bill_line_items", Map.of("bill_id", b.billId(), "position", i,
                        "description", item.description(), "amount", item.amount(), "item_date", item.date(),
                        "item_type", item.itemType())));
            }
        }
        demo.subjects().forEach(s -> inserts.add(insert("customer_subjects",
                Map.of("subject", s.subject(), "customer_id", s.customerId()))));
        demo.outages().forEach(o -> inserts.add(insert("area_outages", Map.of("zip_code", o.zipCode(),
                "service", o.service(), "started_at", o.startedAt(),
                "expected_end", orNull(o.expectedEnd(), OffsetDateTime.class), "description", o.description()))));
        demo.appointments().forEach(a -> inserts.add(insert("technician_appointments", Map.of(
                "id", UUID.randomUUID(), "customer_id", a.customerId(), "starts_at", a.startsAt(),
                "reason", a.reason(), "status", "booked", "booked_by", SEED, "booked_at", Instant.now()))));
        // in file order: every row after the rows it refers to
        return Flux.concat(inserts).then();
    }

    private Mono<Void> insert(String table, Map<String, Object> columns) {
        List<String> names = List.copyOf(columns.keySet());
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into " + table + " (" + String.join(", ", names)
                + ") values (" + String.join(", ", names.stream().map(n -> ":" + n).toList()) + ")");
        for (String name : names) {
            spec = spec.bind(name, columns.get(name));
        }
        return spec.then();
    }

    /** Columns and their values, for tables with more than the ten pairs Map.of takes. */
    private static Map<String, Object> columns(Object... pairs) {
        Map<String, Object> columns = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put((String) pairs[i], pairs[i + 1]);
        }
        return columns;
    }
}
