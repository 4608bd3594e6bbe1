package dev.switchboard.analytics.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.analytics.reporting.LanguageReport.LanguageCount;
import dev.switchboard.events.Agent;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.Route;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The languages intent-service read messages as, through real Kafka into real PostgreSQL: counted once each. */
@AnalyticsServiceTest
class LanguagesIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");
    /** A day of its own, so the other tests' events are not in the range. */
    static final String DAY = "from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Test
    void eachMessageIsCountedOnceByItsLanguage() {
        // Given five classified messages of one day, of which one Spanish was published twice (a redelivery), and
        // one of the day after
        IntentClassified spanish = classified("l-2", "10:01:00", "es");
        List<IntentClassified> published = List.of(classified("l-1", "10:00:00", "en"), spanish,
                classified("l-3", "10:02:00", "es"), classified("l-4", "10:03:00", "vi"),
                classified("l-5", "10:04:00", "en"), spanish, classified("l-6", "2026-10-06T08:00:00Z", "fr"));

        // When they are consumed
        published.forEach(event -> publisher.await(publisher.publish(Topics.CHAT_CLASSIFIED, "conv-lang", event)));

        // Then the day's report counts each message once by language, most frequent first, and those not in English
        await().atMost(Duration.ofSeconds(60)).until(() -> report().total() == 5);
        LanguageReport day = report();
        assertThat(day.languages()).extracting(LanguageCount::language, LanguageCount::count)
                .containsExactly(Tuple.tuple("en", 2L),
                        Tuple.tuple("es", 2L), Tuple.tuple("vi", 1L));
        assertThat(day.languages().get(0).share()).isEqualTo(0.4);
        assertThat(day.notEnglish()).isEqualTo(3);
    }

    private LanguageReport report() {
        return web.get().uri("/api/v1/analytics/languages?" + DAY).headers(TOKENS.user("ops", "agent")).exchange()
                .expectStatus().isOk().expectBody(LanguageReport.class).returnResult().getResponseBody();
    }

    private static IntentClassified classified(String messageId, String time, String language) {
        boolean english = "en".equals(language);
        return IntentClassified.newBuilder().setEventId("LanguagesIT-" + messageId).setMessageId("LanguagesIT-"
                + messageId).setConversationId("conv-lang").setUserId("alice")
                .setOccurredAt(Instant.parse(time.contains("T") ? time : "2026-10-05T" + time + "Z"))
                .setReceivedAt(Instant.parse(time.contains("T") ? time : "2026-10-05T" + time + "Z")).setReplyTo(0)
                .setContent("…").setIntent(english ? "bill_explanation" : "unknown")
                .setAgent(english ? Agent.billing : Agent.general).setConfidence(0.9).setCandidates(List.of())
                .setClassifierVersion("test").setRoute(english ? Route.knowledge : Route.guardrail)
                .setLanguage(language).build();
    }
}
