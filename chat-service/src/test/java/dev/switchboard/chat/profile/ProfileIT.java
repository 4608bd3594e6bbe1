package dev.switchboard.chat.profile;

import dev.switchboard.chat.ChatServiceTest;
import dev.switchboard.platform.test.TestIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ChatServiceTest
class ProfileIT {

    static final TestIdentity TOKENS = TestIdentity.of("chat-service");

    @Autowired
    WebTestClient web;

    @Test
    void aNewUserHasDefaultsAndUpdatesChangeOnlyTheGivenFields() {
        web.get().uri("/api/v1/profile").headers(TOKENS.user("dana", "customer")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo("dana")
                .jsonPath("$.roles").isEqualTo(List.of("customer"))
                .jsonPath("$.preferredChannel").isEqualTo("chat")
                .jsonPath("$.displayName").doesNotExist();

        patch("dana", Map.of("displayName", "Dana S.")).expectStatus().isOk();
        patch("dana", Map.of("preferredChannel", "email")).expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo("Dana S.")
                .jsonPath("$.preferredChannel").isEqualTo("email");
    }

    @Test
    void anUnknownChannelIsRefusedNamingTheField() {
        patch("erin", Map.of("preferredChannel", "pigeon")).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec patch(String user, Map<String, Object> body) {
        return web.patch().uri("/api/v1/profile").headers(TOKENS.user(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }
}
