package dev.switchboard.analytics.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.analytics.reporting.KnowledgeGapReport.Gap;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The knowledge-gap report through real Kafka into real PostgreSQL: the honest "I don't know" replies' questions,
 * grouped by the similarity of the embeddings they carry, and counted once each.
 */
@AnalyticsServiceTest
class KnowledgeGapsIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");
    /** A day of its own, so the other tests' events are not in the range. */
    static final String DAY = "from=2026-09-01T00:00:00Z&to=2026-09-02T00:00:00Z";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Test
    void unansweredQuestionsAreGroupedBySimilarityAndCountedOnceEach() {
        // Given a day's unanswered questions, three about a static IP, two about IPv6 and one about a fax machine,
        // one of them delivered twice, and an ordinary answer that is no gap
        SentenceEmbedder embedder = Embedders.onnx(1);
        List<ChatReplied> replies = new ArrayList<>();
        String[] questions = {"Can I get a static IP address for my home business?",
            "Does your network support IPv6?",
            "Do you offer static IP addresses on home internet plans?",
            "Will my fax machine work with your phone service?",
            "Is IPv6 available on my internet connection?",
            "How do I get a fixed, static IP for my internet?"};
        for (int i = 0; i < questions.length; i++) {
            replies.add(unanswered("gap-" + i, questions[i], embedder.embed(questions[i]), "10:0" + i + ":00"));
        }
        replies.add(replies.get(2));
        ChatReplied answered = unanswered("gap-answered", "how do I set up autopay", new float[0], "10:30:00");
        answered.setSource(ReplySource.knowledge_base);
        answered.setQuestion(null);
        replies.add(answered);

        // When they are consumed (one conversation: one partition, in order)
        replies.forEach(reply -> publisher.await(publisher.reply(Topics.CHAT_REPLIES, 0, "c-gaps", reply)));

        // Then the report counts each question once, in three groups, the largest first
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report().unanswered()).isEqualTo(6));
        KnowledgeGapReport report = report();
        assertThat(report.grouped()).isEqualTo(6);
        assertThat(report.gaps()).extracting(Gap::count).containsExactly(3, 2, 1);
        assertThat(report.gaps().get(0).question()).containsIgnoringCase("static");
        assertThat(report.gaps().get(0).examples()).hasSize(2)
                .allSatisfy(q -> assertThat(q).containsIgnoringCase("IP"));
        assertThat(report.gaps().get(0).firstAsked()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        assertThat(report.gaps().get(0).lastAsked()).isEqualTo(Instant.parse("2026-09-01T10:05:00Z"));
        assertThat(report.gaps().get(1).question()).contains("IPv6");
        assertThat(report.gaps().get(2).question()).contains("fax");
    }

    @Test
    void aLimitOutOfRangeIsRefusedNamingIt() {
        web.get().uri("/api/v1/analytics/knowledge-gaps?" + DAY + "&limit=0").headers(TOKENS.user("ops", "agent"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(detail ->
                        assertThat(detail.toString()).startsWith("limit:"));
    }

    private KnowledgeGapReport report() {
        return web.get().uri("/api/v1/analytics/knowledge-gaps?" + DAY).headers(TOKENS.user("ops", "agent"))
                .exchange().expectStatus().isOk().expectBody(KnowledgeGapReport.class).returnResult()
                .getResponseBody();
    }

    private static ChatReplied unanswered(String messageId, String question, float[] embedding, String time) {
        Instant at = Instant.parse("2026-09-01T" + time + "Z");
        ChatReplied reply = new Envelope(messageId, "c-gaps", "u-gaps", 0, at).stamp(new ChatReplied());
        reply.setOccurredAt(at);
        reply.setReplyId("reply-" + messageId);
        reply.setContent("I'm sorry, I don't have an answer to that.");
        reply.setAgent(Agent.general);
        reply.setIntent("unknown");
        reply.setSource(ReplySource.no_answer);
        reply.setConfidence(0.3);
        reply.setReferences(List.of());
        reply.setLatencyMs(12L);
        reply.setQuestion(question);
        List<Float> values = new ArrayList<>();
        for (float v : embedding) {
            values.add(v);
        }
        reply.setQuestionEmbedding(values);
        return reply;
    }
}
