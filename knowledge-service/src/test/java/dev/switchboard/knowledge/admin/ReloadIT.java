package dev.switchboard.knowledge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.platform.test.TestIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service reads its knowledge base from a file (KNOWLEDGE_BASE_LOCATION), which the test edits and breaks. */
@KnowledgeServiceTest
class ReloadIT {

    static final TestIdentity TOKENS = TestIdentity.of("knowledge-service");

    static final String SHIPPED = shipped();
    static final Path FILE = copy();

    @DynamicPropertySource
    static void location(DynamicPropertyRegistry registry) {
        registry.add("switchboard.knowledge.location", () -> "file:" + FILE);
    }

    @Autowired
    WebTestClient web;

    @Test
    void anEditedFileServesAfterAReloadAndABadOneLeavesItServing() throws IOException {
        // Given an edit that renames the WiFi category
        Files.writeString(FILE, SHIPPED.replace("\"version\": \"", "\"version\": \"edited-")
                .replace("\"title\": \"WiFi", "\"title\": \"Wireless"));

        // When an admin reloads
        reload().expectStatus().isOk()
                .expectBody().jsonPath("$.version").value(v -> assertThat((String) v).startsWith("edited-"))
                .jsonPath("$.intents").isEqualTo(30);

        // Then the edit serves, without a restart
        web.get().uri("/api/v1/knowledge/categories?agent=tech_support").headers(TOKENS.user("alice")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").value(v -> assertThat((String) v).startsWith("edited-"))
                .jsonPath("$.agents[0].categories[?(@.intent == 'wifi_setup')].title")
                .value(t -> assertThat(t.toString()).contains("Wireless"));

        // When the file is broken and an admin reloads
        Files.writeString(FILE, SHIPPED.replaceFirst("\"keywords\"", "\"keywordz\""));

        // Then the reload is refused with the path and field, and the edited index keeps serving searches
        reload().expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains(".keywords must be a non-empty array").contains("previous knowledge base keeps serving"));
        web.get().uri("/api/v1/knowledge/categories").headers(TOKENS.user("alice")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").value(v -> assertThat((String) v).startsWith("edited-"));
        web.get().uri("/api/v1/knowledge/search?q={q}", "where do I find my wifi password").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.confident").isEqualTo(true).jsonPath("$.hits[0].intent").isEqualTo("wifi_setup");
    }

    private WebTestClient.ResponseSpec reload() {
        // a reload embeds what changed: more than the client's default 5 s on a busy build machine
        return web.mutate().responseTimeout(Duration.ofSeconds(60)).build().post().uri("/api/v1/knowledge/admin/reload").headers(TOKENS.user("admin", "admin")).exchange();
    }

    private static String shipped() {
        try (InputStream in = ReloadIT.class.getClassLoader().getResourceAsStream("knowledge-base.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy() {
        try {
            Path file = Files.createTempFile("knowledge-base", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
