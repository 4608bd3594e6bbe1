package dev.switchboard.gateway.security;

import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.lifecycle.HttpServerWarmUp;
import dev.switchboard.platform.lifecycle.WarmUp;
import java.net.http.HttpRequest;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: one customer request through the chat endpoint's edge (security filters, token verification,
 * rate limit, JSON decoding, validation and the problem+json answer), which costs a first customer message about
 * 0.3 s when cold (docs/benchmarks.md). The message is invalid on purpose (no content), so it goes no further than
 * validation: it is answered 400 and nothing is sent. The token is one this gateway signs for the rehearsal user,
 * whose rate-limit bucket is its own; with an external issuer there is none to sign, and the request without one
 * warms the filters up to the 401.
 */
@Component
class ChatEdgeWarmUp implements WarmUp {

    private static final String PATH = "/api/v1/chat/messages";

    private final Environment environment;
    private final DevTokenIssuer issuer;

    ChatEdgeWarmUp(Environment environment, DevTokenIssuer issuer) {
        this.environment = environment;
        this.issuer = issuer;
    }

    @Override
    public void warmUp() throws Exception {
        String token = issuer.enabled() ? issuer.issue(Rehearsals.USER_ID, List.of(Roles.CUSTOMER)).access_token() : null;
        HttpServerWarmUp.expect(environment, PATH, request -> {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"user\"}"));
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }, token == null ? 401 : 400);
    }
}
