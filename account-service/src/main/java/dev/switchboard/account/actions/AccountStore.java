package dev.switchboard.account.actions;

import dev.switchboard.account.actions.AccountViews.AccountAddress;
import dev.switchboard.account.actions.AccountViews.AccountBill;
import dev.switchboard.account.actions.AccountViews.AccountBillItem;
import dev.switchboard.account.actions.AccountViews.AccountCustomer;
import dev.switchboard.account.actions.AccountViews.AccountDevice;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.AccountPaymentMethod;
import dev.switchboard.account.actions.AccountViews.AccountPaymentRequest;
import dev.switchboard.account.actions.AccountViews.AccountPlan;
import dev.switchboard.account.actions.AccountViews.AreaOutage;
import dev.switchboard.account.actions.AccountViews.TechnicianAppointment;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The account data in account-service's database: what the actions read, lock and change. */
@Component
class AccountStore {

    private final DatabaseClient db;

    AccountStore(DatabaseClient db) {
        this.db = db;
    }

    // --- who is who

    Mono<String> customerOfSubject(String subject) {
        return db.sql("select customer_id from customer_subjects where subject = :s").bind("s", subject)
                .map(row -> row.get("customer_id", String.class)).one();
    }

    /** get_customer_by_phone: the customer's own number or one of their lines'. */
    Mono<String> customerByPhone(String phoneNumber) {
        return db.sql("""
                        select customer_id from customers where phone_number = :p
                        union select customer_id from lines where phone_number = :p
                        order by customer_id limit 1""")
                .bind("p", phoneNumber.strip()).map(row -> row.get("customer_id", String.class)).one();
    }

    Mono<String> customerById(String customerId) {
        return db.sql("select customer_id from customers where customer_id = :c").bind("c", customerId.strip())
                .map(row -> row.get("customer_id", String.class)).one();
    }

    Mono<String> customerByName(String fullName, LocalDate dateOfBirth) {
        return db.sql("""
                        select customer_id from customers where lower(full_name) = lower(:n) and date_of_birth = :d
                        order by customer_id limit 1""")
                .bind("n", fullName.strip()).bind("d", dateOfBirth).map(row -> row.get("customer_id", String.class))
                .one();
    }

    Mono<UUID> verify(String actor, String customerId, String method, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        return db.sql("""
                        insert into verifications (id, actor, customer_id, method, created_at, expires_at)
                        values (:id, :actor, :customer, :method, :now, :expires)""")
                .bind("id", id).bind("actor", actor).bind("customer", customerId).bind("method", method)
                .bind("now", Instant.now()).bind("expires", expiresAt).then().thenReturn(id);
    }

    /** The customer an unexpired verification of this staff member names. */
    Mono<String> verifiedCustomer(String actor, UUID verification) {
        return db.sql("""
                        select customer_id from verifications
                        where id = :id and actor = :actor and expires_at > :now""")
                .bind("id", verification).bind("actor", actor).bind("now", Instant.now())
                .map(row -> row.get("customer_id", String.class)).one();
    }

    // --- reads

    Mono<AccountCustomer> customer(String customerId) {
        Mono<List<AccountPaymentMethod>> methods = db.sql("""
                        select method_type, account_number_last_4, expiration_date from payment_methods
                        where customer_id = :c order by id""")
                .bind("c", customerId)
                .map(row -> new AccountPaymentMethod(row.get("method_type", String.class),
                        row.get("account_number_last_4", String.class), row.get("expiration_date", String.class)))
                .all().collectList();
        Mono<List<String>> lines = db.sql("select line_id from lines where customer_id = :c order by line_id")
                .bind("c", customerId).map(row -> row.get("line_id", String.class)).all().collectList();
        Mono<List<String>> bills = db.sql("select bill_id from bills where customer_id = :c order by bill_id")
                .bind("c", customerId).map(row -> row.get("bill_id", String.class)).all().collectList();
        // a row is read inside map(): its buffers are released after
        return db.sql("select * from customers where customer_id = :c").bind("c", customerId)
                .map(row -> new AccountCustomer(row.get("customer_id", String.class),
                        row.get("full_name", String.class), row.get("date_of_birth", LocalDate.class),
                        row.get("email", String.class), row.get("phone_number", String.class),
                        new AccountAddress(row.get("street", String.class), row.get("city", String.class),
                                row.get("state", String.class), row.get("zip_code", String.class)),
                        row.get("account_status", String.class), row.get("created_at", LocalDateTime.class),
                        row.get("last_extension_date", LocalDate.class),
                        row.get("goodwill_credit_used_this_year", BigDecimal.class), List.of(), List.of(),
                        List.of()))
                .one()
                .flatMap(c -> Mono.zip(methods, lines, bills).map(all -> new AccountCustomer(c.customerId(),
                        c.fullName(), c.dateOfBirth(), c.email(), c.phoneNumber(), c.address(), c.accountStatus(),
                        c.createdAt(), c.lastExtensionDate(), c.goodwillCreditUsedThisYear(), all.getT1(),
                        all.getT2(), all.getT3())));
    }

    /** A line of this customer, with its plan and device; locked until the transaction ends when {@code lock}. */
    Mono<AccountLine> line(String customerId, String lineId, boolean lock) {
        return db.sql("""
                        select l.*, p.name as plan_name, p.data_limit_gb, p.price_per_month,
                               p.data_refueling_price_per_gb, d.device_type, d.model, d.imei, d.is_esim_capable,
                               d.activated, d.activation_date, d.last_esim_transfer_date
                        from lines l join plans p on p.plan_id = l.plan_id
                        left join devices d on d.device_id = l.device_id
                        where l.line_id = :l and l.customer_id = :c""" + (lock ? " for update of l" : ""))
                .bind("l", lineId).bind("c", customerId).map(AccountStore::line).one();
    }

    private static AccountLine line(Readable row) {
        String deviceId = row.get("device_id", String.class);
        AccountDevice device = deviceId == null ? null : new AccountDevice(deviceId,
                row.get("device_type", String.class), row.get("model", String.class), row.get("imei", String.class),
                Boolean.TRUE.equals(row.get("is_esim_capable", Boolean.class)),
                Boolean.TRUE.equals(row.get("activated", Boolean.class)),
                row.get("activation_date", LocalDateTime.class), row.get("last_esim_transfer_date",
                        LocalDateTime.class));
        return new AccountLine(row.get("line_id", String.class), row.get("phone_number", String.class),
                row.get("status", String.class),
                new AccountPlan(row.get("plan_id", String.class), row.get("plan_name", String.class),
                        row.get("data_limit_gb", BigDecimal.class), row.get("price_per_month", BigDecimal.class),
                        row.get("data_refueling_price_per_gb", BigDecimal.class)),
                device, row.get("data_used_gb", BigDecimal.class), row.get("data_refueling_gb", BigDecimal.class),
                Boolean.TRUE.equals(row.get("roaming_enabled", Boolean.class)),
                row.get("contract_end_date", LocalDate.class), row.get("last_plan_change_date", LocalDate.class),
                row.get("last_sim_replacement_date", LocalDate.class),
                row.get("suspension_start_date", LocalDate.class));
    }

    /** get_bills_for_customer: the newest {@code limit} bills with their line items. */
    Mono<List<AccountBill>> bills(String customerId, int limit) {
        return db.sql("""
                        select * from bills where customer_id = :c order by issue_date desc, bill_id desc
                        limit :limit""")
                .bind("c", customerId).bind("limit", limit)
                .map(row -> new AccountBill(row.get("bill_id", String.class), row.get("period_start", LocalDate.class),
                        row.get("period_end", LocalDate.class), row.get("issue_date", LocalDate.class),
                        row.get("total_due", BigDecimal.class), row.get("due_date", LocalDate.class),
                        row.get("status", String.class), List.of()))
                .all()
                .concatMap(bill -> db.sql("""
                                select description, amount, item_date, item_type from bill_line_items
                                where bill_id = :b order by position""")
                        .bind("b", bill.billId())
                        .map(row -> new AccountBillItem(row.get("description", String.class),
                                row.get("amount", BigDecimal.class), row.get("item_date", LocalDate.class),
                                row.get("item_type", String.class)))
                        .all().collectList()
                        .map(items -> new AccountBill(bill.billId(), bill.periodStart(), bill.periodEnd(),
                                bill.issueDate(), bill.totalDue(), bill.dueDate(), bill.status(), items)))
                .collectList();
    }

    /** One bill of this customer: its status and amount, locked until the transaction ends. */
    record BillState(String billId, String status, BigDecimal totalDue) {
    }

    Mono<BillState> lockBill(String customerId, String billId) {
        return db.sql("select bill_id, status, total_due from bills where bill_id = :b and customer_id = :c for update")
                .bind("b", billId).bind("c", customerId)
                .map(row -> new BillState(row.get("bill_id", String.class), row.get("status", String.class),
                        row.get("total_due", BigDecimal.class)))
                .one();
    }

    /** The statuses of every bill of the customer, their rows locked: a payment cannot slip in between. */
    Mono<List<String>> lockBillStatuses(String customerId) {
        return db.sql("select status from bills where customer_id = :c for update").bind("c", customerId)
                .map(row -> row.get("status", String.class)).all().collectList();
    }

    Mono<List<AccountPaymentRequest>> paymentRequests(String customerId) {
        return db.sql("""
                        select bill_id, amount, status, requested_at, paid_at from payment_requests
                        where customer_id = :c order by requested_at desc, id desc""")
                .bind("c", customerId)
                .map(row -> new AccountPaymentRequest(row.get("bill_id", String.class),
                        row.get("amount", BigDecimal.class), row.get("status", String.class),
                        row.get("requested_at", Instant.class), row.get("paid_at", Instant.class)))
                .all().collectList();
    }

    Mono<Boolean> pendingPaymentRequest(String customerId, String billId) {
        return db.sql("""
                        select count(*) as n from payment_requests
                        where customer_id = :c and bill_id = :b and status = 'pending'""")
                .bind("c", customerId).bind("b", billId).map(row -> row.get("n", Long.class) > 0).one();
    }

    /** The expiry (MM/YYYY) of the customer's payment method with these last four digits. */
    Mono<String> paymentMethodExpiry(String customerId, String last4) {
        return db.sql("""
                        select expiration_date from payment_methods
                        where customer_id = :c and account_number_last_4 = :d order by id limit 1""")
                .bind("c", customerId).bind("d", last4.strip())
                .map(row -> row.get("expiration_date", String.class)).one();
    }

    /** The outages at the customer's address that are on at {@code at}. */
    Mono<List<AreaOutage>> outages(String customerId, Instant at) {
        return db.sql("""
                        select o.* from area_outages o join customers c on c.zip_code = o.zip_code
                        where c.customer_id = :c and o.started_at <= :at
                          and (o.expected_end is null or o.expected_end > :at)
                        order by o.started_at""")
                .bind("c", customerId).bind("at", at)
                .map(row -> new AreaOutage(row.get("zip_code", String.class), row.get("service", String.class),
                        row.get("started_at", Instant.class), row.get("expected_end", Instant.class),
                        row.get("description", String.class)))
                .all().collectList();
    }

    Mono<List<TechnicianAppointment>> appointments(String customerId) {
        return db.sql("""
                        select id, starts_at, reason, status from technician_appointments
                        where customer_id = :c order by starts_at""")
                .bind("c", customerId)
                .map(row -> new TechnicianAppointment(row.get("id", UUID.class).toString(),
                        row.get("starts_at", Instant.class), row.get("reason", String.class),
                        row.get("status", String.class)))
                .all().collectList();
    }

    // --- writes (each inside the action's transaction, after the policy allowed it)

    Mono<Void> refuel(String lineId, BigDecimal gigabytes) {
        return db.sql("update lines set data_refueling_gb = data_refueling_gb + :gb where line_id = :l")
                .bind("gb", gigabytes).bind("l", lineId).then();
    }

    Mono<Void> roaming(String lineId, boolean enabled) {
        return db.sql("update lines set roaming_enabled = :on where line_id = :l").bind("on", enabled)
                .bind("l", lineId).then();
    }

    Mono<Void> suspend(String lineId, LocalDate today) {
        return db.sql("update lines set status = 'Suspended', suspension_start_date = :d where line_id = :l")
                .bind("d", today).bind("l", lineId).then();
    }

    Mono<Void> resume(String lineId) {
        return db.sql("update lines set status = 'Active', suspension_start_date = null where line_id = :l")
                .bind("l", lineId).then();
    }

    /** send_payment_request: the bill awaits payment, and the customer has a request for its amount. */
    Mono<Void> requestPayment(String customerId, BillState bill) {
        return db.sql("update bills set status = 'Awaiting Payment' where bill_id = :b").bind("b", bill.billId())
                .then()
                .then(db.sql("""
                                insert into payment_requests (customer_id, bill_id, amount, status, requested_at)
                                values (:c, :b, :amount, 'pending', :now)""")
                        .bind("c", customerId).bind("b", bill.billId()).bind("amount", bill.totalDue())
                        .bind("now", Instant.now()).then());
    }

    /** make_payment: the bill is paid with the method, and its request too. */
    Mono<Void> pay(String customerId, String billId, String last4) {
        return db.sql("update bills set status = 'Paid' where bill_id = :b").bind("b", billId).then()
                .then(db.sql("""
                                update payment_requests set status = 'paid', paid_at = :now, paid_with_last_4 = :d
                                where customer_id = :c and bill_id = :b and status = 'pending'""")
                        .bind("now", Instant.now()).bind("d", last4.strip()).bind("c", customerId)
                        .bind("b", billId).then());
    }

    Mono<UUID> book(String customerId, Instant startsAt, String reason, String actor) {
        UUID id = UUID.randomUUID();
        return db.sql("""
                        insert into technician_appointments (id, customer_id, starts_at, reason, status, booked_by,
                                                             booked_at)
                        values (:id, :c, :at, :reason, 'booked', :actor, :now)""")
                .bind("id", id).bind("c", customerId).bind("at", startsAt).bind("reason", reason.strip())
                .bind("actor", actor).bind("now", Instant.now()).then().thenReturn(id);
    }

    /** Locks the customer's row: two bookings (or payments) of one customer are decided one after the other. */
    Mono<Void> lockCustomer(String customerId) {
        return db.sql("select customer_id from customers where customer_id = :c for update").bind("c", customerId)
                .then();
    }
}
