package dev.switchboard.tau2.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.tau2.check.AccountReader.AccountBill;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AccountApi} against an in-process stand-in of the gateway that answers as account-service's API does. */
class AccountApiTest {

    private static final String TOKEN = "staff-token";
    private static final String VERIFICATION = "verification-1";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String lineBody = line("8.7", "0.0");
    private HttpServer gateway;
    private AccountApi api;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
        api = new AccountApi(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), TOKEN);
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void looksTheCustomerUpAndReadsWithTheVerification() {
        // When the customer is found by phone, then one of their lines and their bills are read
        AccountReader.AccountCustomer customer = api.customerByPhone("555-123-2002");
        AccountReader.AccountLine line = api.line("C1001", "L1002").orElseThrow();
        List<AccountBill> bills = api.bills("C1001");

        // Then the answers are mapped, and each read carried the lookup's verification
        assertThat(customer.customerId()).isEqualTo("C1001");
        assertThat(customer.lineIds()).containsExactly("L1001", "L1002");
        assertThat(line.plan().dataLimitGb()).isEqualByComparingTo("10.0");
        assertThat(line.dataUsedGb()).isEqualByComparingTo("8.7");
        assertThat(line.status()).isEqualTo("Active");
        assertThat(bills).extracting(AccountBill::billId, AccountBill::status)
                .containsExactly(tuple("B1234321", "Overdue"));
        assertThat(requests).containsExactly("POST /api/v1/account/lookups {\"phoneNumber\":\"555-123-2002\"}",
                "GET /api/v1/account/customers/C1001/lines/L1002", "GET /api/v1/account/customers/C1001/bills?limit=100");
    }

    @Test
    void aReadAboutACustomerNotYetLookedUpLooksThemUpByIdFirst() {
        // When a line is read with no lookup before
        api.line("C1001", "L1002");

        // Then the customer was looked up by id first
        assertThat(requests).containsExactly("POST /api/v1/account/lookups {\"customerId\":\"C1001\"}",
                "GET /api/v1/account/customers/C1001/lines/L1002");
    }

    @Test
    void aLineTheCustomerDoesNotHaveIsEmptyAndARefusalIsAnError() {
        // When a line the account does not have is read, then there is none
        assertThat(api.line("C1001", "L9999")).isEmpty();

        // When a customer the account does not have is asked about, then the lookup's refusal is an error naming it
        assertThatThrownBy(() -> api.bills("C2002")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 404").hasMessageContaining("not_found");

        // When the token is not accepted, then that is an error too
        AccountApi stranger = new AccountApi(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), "another-token");
        assertThatThrownBy(() -> stranger.customerByPhone("555-123-2002")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 401");
    }

    @Test
    void checksATaskEndToEndThroughTheApi() {
        // Given data_usage_exceeded, after the agent refuelled 2 GB and the usage fell below the allowance
        Tau2Task task = Tau2Tasks.small().stream()
                .filter(candidate -> candidate.id().equals("[mobile_data_issue]data_usage_exceeded[PERSONA:Easy]"))
                .findFirst().orElseThrow();
        lineBody = line("11.0", "2.0");

        // When its end state is checked through the API
        TaskVerdict verdict = new EndStateChecker(api).check(task, new Phone());

        // Then the phone has data again and the refuel is on the account
        assertThat(verdict.results()).extracting(TaskVerdict.AssertionResult::answer).containsExactly(true, true, true);
        assertThat(verdict.passed()).isTrue();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().toString();
        requests.add((exchange.getRequestMethod() + " " + path + " " + body).strip());
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
        } else if (path.equals("/api/v1/account/lookups") && body.contains("C2002")) {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"rule\":\"not_found\"}");
        } else if (path.equals("/api/v1/account/lookups")) {
            respond(exchange, 200, "{\"verificationId\":\"" + VERIFICATION + "\",\"method\":\"phone\","
                    + "\"expiresAt\":\"2026-12-03T14:00:00Z\",\"customer\":{\"customerId\":\"C1001\","
                    + "\"fullName\":\"John Smith\",\"phoneNumber\":\"555-123-2002\",\"lineIds\":[\"L1001\",\"L1002\"],"
                    + "\"billIds\":[\"B1002\",\"B1234321\"]}}");
        } else if (!path.startsWith("/api/v1/account/customers/C1001/")
                || !VERIFICATION.equals(exchange.getRequestHeaders().getFirst("Account-Verification"))) {
            respond(exchange, 403, "{\"title\":\"Forbidden\",\"rule\":\"identity-verified\"}");
        } else if (path.endsWith("/lines/L1002")) {
            respond(exchange, 200, lineBody);
        } else if (path.endsWith("/bills?limit=100")) {
            respond(exchange, 200, "[{\"billId\":\"B1234321\",\"totalDue\":65.0,\"status\":\"Overdue\","
                    + "\"lineItems\":[]}]");
        } else {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"rule\":\"own-account-only\"}");
        }
    }

    /** Line L1002 as the API shows it, with the plan's 10 GB. */
    private static String line(String dataUsed, String refuelled) {
        return "{\"lineId\":\"L1002\",\"phoneNumber\":\"555-123-2002\",\"status\":\"Active\",\"plan\":{\"planId\":"
                + "\"P1002\",\"name\":\"Premium Plan\",\"dataLimitGb\":10.0,\"pricePerMonth\":65.0},\"dataUsedGb\":"
                + dataUsed + ",\"dataRefuelingGb\":" + refuelled + ",\"roamingEnabled\":true,\"contractEndDate\":"
                + "\"2026-12-31\"}";
    }

    private static void respond(HttpExchange exchange, int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
