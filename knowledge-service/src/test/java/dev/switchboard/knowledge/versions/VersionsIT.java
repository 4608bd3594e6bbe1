package dev.switchboard.knowledge.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The knowledge base edited at run time through the admin API: a published version serves without a restart, a
 * rollback restores the previous one, an invalid document is refused naming its field, and the audit and the topic
 * record every change.
 */
@KnowledgeServiceTest
class VersionsIT {

    static final TestIdentity TOKENS = TestIdentity.of("knowledge-service");
    static final String QUESTION = "can I bring my pet iguana into your store";
    static final String SHIPPED = shipped();

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aPublishedVersionServesWithoutARestartAndARollbackRestoresTheOneBefore() throws Exception {
        // Given the active version, which knows nothing of iguanas
        long before = active().id();
        assertThat(searchFindsTheIguanaArticle()).isFalse();

        try (TopicRecorder announcements = new TopicRecorder(brokers, Topics.KNOWLEDGE_VERSIONS.name())) {
            // When an admin publishes a version with an article about iguanas
            String document = withIguanas(SHIPPED);
            KnowledgeVersions.Change published = admin().post().uri("/api/v1/knowledge/admin/versions?note=iguanas")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(document).exchange()
                    .expectStatus().isCreated()
                    .expectBody(KnowledgeVersions.Change.class).returnResult().getResponseBody();

            // Then it is a new version, checksummed over the document's bytes, replacing the one before
            assertThat(published.action()).isEqualTo("published");
            assertThat(published.versionId()).isGreaterThan(before);
            assertThat(published.previousVersionId()).isEqualTo(before);
            assertThat(published.label()).isEqualTo("iguanas");
            assertThat(published.checksum()).isEqualTo(KnowledgeVersions.checksum(document));

            // And without a restart this replica serves it: a search finds the new article
            await().atMost(Duration.ofSeconds(60)).until(this::searchFindsTheIguanaArticle);
            assertThat(meters.get("knowledge.version.active").gauge().value()).isEqualTo(published.versionId());
            assertThat(active().id()).isEqualTo(published.versionId());

            // And the topic announced it, with its checksum and no content
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(announcements.values(
                    KnowledgeBaseVersionPublished.class, a -> a.getVersionId() == published.versionId()))
                    .singleElement().satisfies(a -> {
                        assertThat(a.getChecksum()).isEqualTo(published.checksum());
                        assertThat(a.getPublishedBy()).isEqualTo("root");
                        assertThat(a.getPreviousVersionId()).isEqualTo(before);
                        assertThat(a.getRollback()).isFalse();
                    }));
            assertThat(announcements.records()).allSatisfy(r -> assertThat(r.key()).isEqualTo(Topics.KNOWLEDGE_BASE_KEY));

            // And a consumer service gets exactly the published bytes, which match the announced checksum
            byte[] served = web.get().uri("/internal/v1/knowledge/versions/{id}", published.versionId())
                    .headers(TOKENS.service("llm-fallback-service")).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(ContentController.CHECKSUM_HEADER, published.checksum())
                    .expectHeader().valueEquals(ContentController.VERSION_HEADER, String.valueOf(published.versionId()))
                    .expectBody().returnResult().getResponseBody();
            assertThat(KnowledgeVersions.checksum(new String(served, StandardCharsets.UTF_8)))
                    .isEqualTo(published.checksum());
            web.get().uri("/internal/v1/knowledge/versions/active").headers(TOKENS.service("llm-fallback-service"))
                    .exchange().expectStatus().isOk()
                    .expectHeader().valueEquals(ContentController.VERSION_HEADER, String.valueOf(published.versionId()));

            // When an admin rolls back to the version before
            admin().post().uri("/api/v1/knowledge/admin/versions/{id}/activate", before).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.action").isEqualTo("rolled_back")
                    .jsonPath("$.versionId").isEqualTo(before)
                    .jsonPath("$.previousVersionId").isEqualTo(published.versionId());

            // Then the old behaviour is back, and the rollback was announced as one
            await().atMost(Duration.ofSeconds(60)).until(() -> !searchFindsTheIguanaArticle());
            assertThat(active().id()).isEqualTo(before);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(announcements.values(
                    KnowledgeBaseVersionPublished.class, a -> a.getVersionId() == before && a.getRollback()))
                    .singleElement().satisfies(a -> assertThat(a.getPreviousVersionId())
                            .isEqualTo(published.versionId())));

            // And the audit says who did what
            List<KnowledgeVersions.AuditEntry> audit = audit();
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("published");
                assertThat(e.actor()).isEqualTo("root");
                assertThat(e.fromVersion()).isEqualTo(before);
                assertThat(e.toVersion()).isEqualTo(published.versionId());
                assertThat(e.outcome()).isEqualTo("done");
            });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("rolled_back");
                assertThat(e.fromVersion()).isEqualTo(published.versionId());
                assertThat(e.toVersion()).isEqualTo(before);
                assertThat(e.outcome()).isEqualTo("done");
            });
            // And the version list has both, the one before active, with the publisher's note
            assertThat(versions()).anySatisfy(v -> {
                assertThat(v.id()).isEqualTo(published.versionId());
                assertThat(v.note()).isEqualTo("iguanas");
                assertThat(v.active()).isFalse();
            });
        }
    }

    @Test
    void anInvalidDocumentIsRefusedNamingTheFieldAuditedAndChangesNothing() {
        // Given the active version
        long active = active().id();

        // When an admin publishes a document with a misspelt field
        admin().post().uri("/api/v1/knowledge/admin/versions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SHIPPED.replaceFirst("\"keywords\"", "\"keywordz\"")).exchange()
                // Then it is refused with 400 naming the path and field
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("$.agents.tech_support.categories.internet_outage.keywords must be a non-empty array")
                        .contains("active version keeps serving"));

        // And nothing changed, and the refusal is in the audit with its reason
        assertThat(active().id()).isEqualTo(active);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("published");
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.actor()).isEqualTo("root");
            assertThat(e.detail()).contains(".keywords must be a non-empty array");
        });
    }

    @Test
    void aVersionThatTellsItsIntentsApartWorseIsRefusedByTheGateAuditedAndChangesNothing() {
        // Given the active version
        long active = active().id();

        // When an admin publishes a version whose wifi_setup examples are autopay_paperless's, pasted by mistake
        admin().post().uri("/api/v1/knowledge/admin/versions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withMisfiledExamples(SHIPPED)).exchange()
                // Then the accuracy gate refuses it with 422, its figures and the examples it now misroutes
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("the accuracy gate refused it")
                        .containsPattern("0\\.8[0-4]\\d of its \\d+ example phrases")
                        .contains("(wifi_setup -> autopay_paperless)")
                        .contains("active version keeps serving"));

        // And nothing changed, and the refusal is in the audit with its figures
        assertThat(active().id()).isEqualTo(active);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("published");
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.detail()).contains("the accuracy gate refused it");
        });
    }

    @Test
    void publishingTheActiveDocumentAgainChangesNothingAndTheTopicIsCompacted() throws Exception {
        // Given the active version's document
        KnowledgeVersions.Version active = active();
        String document = new String(admin().get().uri("/api/v1/knowledge/admin/versions/{id}/content", active.id())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
                StandardCharsets.UTF_8);

        // When it is published again, Then nothing changes
        admin().post().uri("/api/v1/knowledge/admin/versions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.action").isEqualTo("unchanged").jsonPath("$.versionId").isEqualTo(active.id());

        // And the topic of the versions keeps only the latest record of its key
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.KNOWLEDGE_VERSIONS.name());
            assertThat(kafka.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void activatingAVersionThatDoesNotExistIs404() {
        admin().post().uri("/api/v1/knowledge/admin/versions/{id}/activate", 987654).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("knowledge base version 987654 does not exist");
    }

    private boolean searchFindsTheIguanaArticle() {
        return web.get().uri("/api/v1/knowledge/search?q={q}&limit=20", QUESTION).headers(TOKENS.user("alice"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .contains("kb-iguana");
    }

    private KnowledgeVersions.Version active() {
        return versions().stream().filter(KnowledgeVersions.Version::active).findFirst().orElseThrow();
    }

    private List<KnowledgeVersions.Version> versions() {
        return admin().get().uri("/api/v1/knowledge/admin/versions").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<KnowledgeVersions.Version>>() { })
                .returnResult().getResponseBody();
    }

    private List<KnowledgeVersions.AuditEntry> audit() {
        return admin().get().uri("/api/v1/knowledge/admin/audit").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<KnowledgeVersions.AuditEntry>>() { })
                .returnResult().getResponseBody();
    }

    private WebTestClient admin() {
        // validating a whole document takes a moment on a busy build machine
        return web.mutate().responseTimeout(Duration.ofSeconds(60)).defaultHeaders(TOKENS.user("root", "admin"))
                .build();
    }

    /** The document with a new label and, among the store articles, one about iguanas. */
    private static String withIguanas(String document) {
        String relabelled = document.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"iguanas\"");
        int articles = relabelled.indexOf("\"articles\": [", relabelled.indexOf("\"store_locations_hours\": {"))
                + "\"articles\": [".length();
        return relabelled.substring(0, articles) + """
                {"id": "kb-iguana", "title": "Pet iguanas in our stores",
                 "text": "Pet iguanas are welcome in every store as long as they stay on a leash."},"""
                + relabelled.substring(articles);
    }

    /** The document with wifi_setup's example phrases replaced by autopay_paperless's. */
    private static String withMisfiledExamples(String document) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = (ObjectNode) json.readTree(document);
        root.put("version", "misfiled");
        JsonNode autopay = root.path("agents").path("billing").path("categories").path("autopay_paperless")
                .path("examples");
        ((ObjectNode) root.path("agents").path("tech_support").path("categories").path("wifi_setup"))
                .set("examples", autopay.deepCopy());
        return json.writeValueAsString(root);
    }

    private static String shipped() {
        try (InputStream in = VersionsIT.class.getClassLoader().getResourceAsStream("knowledge-base.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
