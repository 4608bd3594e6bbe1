package dev.switchboard.account.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.platform.test.SecurityMatrix;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of account-service against every kind of caller: only the gateway's internal token counts; alice
 * (customer C1001) reaches her own account, mallory (linked to no account) none; staff reach none without a lookup
 * (the header is not sent here), but may look customers up and transfer. Writes here are refused or only quoted,
 * except transfers, which change no account, and the admin's seed reset (the last row).
 */
@AccountServiceTest
class SecurityMatrixIT {

    static final String CUSTOMER = "/api/v1/account/customers/C1001";
    static final String LINE = CUSTOMER + "/lines/L1001";

    @Autowired
    WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        SecurityMatrix.of("account-service", "alice")
                .row(POST, "/api/v1/account/lookups", "{\"phoneNumber\":\"555-123-2002\"}",
                        401, 401, 401, 401, 200, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/account/me", null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, CUSTOMER, null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, LINE, null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, CUSTOMER + "/bills", null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, CUSTOMER + "/payment-requests", null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, CUSTOMER + "/outages", null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(GET, CUSTOMER + "/appointments", null, 401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                // alice gets a quote, nothing changes
                .row(POST, LINE + "/refuel", "{\"requestId\":\"matrix-1\",\"gbAmount\":1}",
                        401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(POST, LINE + "/roaming", "{\"requestId\":\"matrix-2\",\"enabled\":true}",
                        401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                // the line is active and alice owes nothing: the policy refuses both
                .row(POST, LINE + "/suspension", "{\"requestId\":\"matrix-3\",\"reason\":\"overdue_bill\"}",
                        401, 401, 401, 401, 422, 403, 403, 403, 403, 403)
                .row(POST, LINE + "/resumption", "{\"requestId\":\"matrix-4\"}",
                        401, 401, 401, 401, 422, 403, 403, 403, 403, 403)
                // B1002 is issued, not overdue, and has no payment request
                .row(POST, CUSTOMER + "/bills/B1002/payment-request", "{\"requestId\":\"matrix-5\"}",
                        401, 401, 401, 401, 422, 403, 403, 403, 403, 403)
                .row(POST, CUSTOMER + "/bills/B1002/payment", "{\"requestId\":\"matrix-6\",\"paymentMethod\":\"1235\"}",
                        401, 401, 401, 401, 422, 403, 403, 403, 403, 403)
                .row(POST, CUSTOMER + "/appointments", "{\"requestId\":\"matrix-7\",\"startsAt\":"
                        + "\"2025-03-05T14:00:00Z\",\"reason\":\"router\"}",
                        401, 401, 401, 401, 200, 403, 403, 403, 403, 403)
                .row(POST, "/api/v1/account/transfers", "{\"requestId\":\"matrix-8\",\"summary\":\"a PUK code\"}",
                        401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                // the development set-ups of tau2's initial states (on with the reset): an admin's only
                .row(POST, "/api/v1/account/admin/scenarios/data-usage", "{\"lineId\":\"L1001\",\"dataUsedGb\":3.2}",
                        401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .row(POST, "/api/v1/account/admin/scenarios/overdue-suspension", "{\"customerId\":\"C1001\","
                        + "\"lineId\":\"L1001\",\"billId\":\"B-MATRIX\",\"contractEnded\":false}",
                        401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                // the development reset (on in these tests): an admin's only; it restores the seed, so it goes last
                .row(POST, "/api/v1/account/admin/reset", null, 401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .documentsAndActuator()
                .check(web, mappings, Map.ofEntries(
                        Map.entry(CUSTOMER, "/api/v1/account/customers/{customerId}"),
                        Map.entry(LINE, "/api/v1/account/customers/{customerId}/lines/{lineId}"),
                        Map.entry(CUSTOMER + "/bills", "/api/v1/account/customers/{customerId}/bills"),
                        Map.entry(CUSTOMER + "/payment-requests",
                                "/api/v1/account/customers/{customerId}/payment-requests"),
                        Map.entry(CUSTOMER + "/outages", "/api/v1/account/customers/{customerId}/outages"),
                        Map.entry(CUSTOMER + "/appointments", "/api/v1/account/customers/{customerId}/appointments"),
                        Map.entry(LINE + "/refuel", "/api/v1/account/customers/{customerId}/lines/{lineId}/refuel"),
                        Map.entry(LINE + "/roaming", "/api/v1/account/customers/{customerId}/lines/{lineId}/roaming"),
                        Map.entry(LINE + "/suspension",
                                "/api/v1/account/customers/{customerId}/lines/{lineId}/suspension"),
                        Map.entry(LINE + "/resumption",
                                "/api/v1/account/customers/{customerId}/lines/{lineId}/resumption"),
                        Map.entry(CUSTOMER + "/bills/B1002/payment-request",
                                "/api/v1/account/customers/{customerId}/bills/{billId}/payment-request"),
                        Map.entry(CUSTOMER + "/bills/B1002/payment",
                                "/api/v1/account/customers/{customerId}/bills/{billId}/payment")));
    }
}
