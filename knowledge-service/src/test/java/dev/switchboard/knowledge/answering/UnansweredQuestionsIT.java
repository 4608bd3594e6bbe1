package dev.switchboard.knowledge.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.knowledge.evaluation.RetrievalEvaluation;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The team's own sets of in-scope questions that no article of the shipped knowledge base covers, each checked against
 * the articles' text: src/test/resources/eval/unanswered.tsv (35), unanswered_second.tsv (23, written before the
 * uncovered-question check was tuned, on other topics) and unanswered_third.tsv (28, written before its second
 * version was tuned, on other topics again, and not used to tune it). Through the listener, every one should get the honest reply,
 * with no article and a person offered, and never an unrelated article. The no-answer bounds and the
 * uncovered-question check tell only some of them from answerable messages (docs/knowledge-retrieval.md, "Questions
 * no article covers"), so this holds the measured floors and prints the others; every honest reply cites nothing and
 * offers a person.
 */
@KnowledgeServiceTest
class UnansweredQuestionsIT {

    static final Path UNANSWERED = Path.of("src/test/resources/eval/unanswered.tsv");
    static final Path SECOND = Path.of("src/test/resources/eval/unanswered_second.tsv");
    static final Path THIRD = Path.of("src/test/resources/eval/unanswered_third.tsv");

    @Autowired
    EventPublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /**
     * Questions of each set that got the honest reply when measured (7 of 35, 4 of 23 and 4 of 28 with the no-answer
     * bounds alone; 2026-12-04, with the uncovered-question check reading subjects: 33 of 35, 22 of 23 and 19 of 28);
     * the target is all of them.
     */
    static final int MEASURED_HONEST = 33;
    static final int MEASURED_HONEST_SECOND = 22;
    static final int MEASURED_HONEST_THIRD = 19;

    @Test
    void questionsNoArticleCoversGetTheHonestReplyAtLeastAsOftenAsMeasuredAndItCitesNothing() {
        questionsGetTheHonestReply(UNANSWERED, "m-unanswered-", MEASURED_HONEST);
    }

    @Test
    void theSecondSetGetsTheHonestReplyAtLeastAsOftenAsMeasuredAndItCitesNothing() {
        questionsGetTheHonestReply(SECOND, "m-second-unanswered-", MEASURED_HONEST_SECOND);
    }

    @Test
    void theThirdSetGetsTheHonestReplyAtLeastAsOftenAsMeasuredAndItCitesNothing() {
        questionsGetTheHonestReply(THIRD, "m-third-unanswered-", MEASURED_HONEST_THIRD);
    }

    private void questionsGetTheHonestReply(Path set, String prefix, int floor) {
        // Given the set, each routed to the knowledge base as intent-service routes a message it cannot place
        List<String> questions = RetrievalEvaluation.read(set).stream().map(RetrievalEvaluation.Row::message)
                .toList();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(20);
        try (TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name());
                TopicRecorder fallbacks = new TopicRecorder(brokers, Topics.CHAT_FALLBACK.name())) {
            // When every one is answered
            for (int i = 0; i < questions.size(); i++) {
                IntentClassified event = new Envelope(prefix + i, "c-" + prefix + i, "u-1", 1,
                        Instant.now()).stamp(new IntentClassified());
                event.setContent(questions.get(i));
                event.setIntent(Taxonomy.UNKNOWN);
                event.setAgent(Agent.general);
                event.setConfidence(0.2);
                event.setCandidates(List.of());
                event.setClassifierVersion("embedding-test-kb-1");
                event.setEmbedding(List.of());
                event.setFrustration(0.0);
                publisher.await(publisher.publish(Topics.CHAT_CLASSIFIED, event.getConversationId(), event));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(replies.values(ChatReplied.class,
                    r -> r.getMessageId().startsWith(prefix)).size() + fallbacks.values(FallbackRequested.class,
                    f -> f.getMessageId().startsWith(prefix)).size()).isEqualTo(questions.size()));

            // Then each reply is the honest one: no article cited, a person offered; none was passed on to be
            // answered from an article
            List<ChatReplied> answered = replies.values(ChatReplied.class, r -> r.getMessageId().startsWith(prefix));
            String notHonest = Stream.concat(answered.stream()
                    .filter(r -> r.getSource() != ReplySource.no_answer || !r.getReferences().isEmpty())
                    .map(r -> r.getSource() + " " + r.getReferences().stream().map(p -> p.getArticleId()).toList()
                            + ": " + questions.get(index(r.getMessageId(), prefix))),
                    fallbacks.values(FallbackRequested.class, f -> f.getMessageId().startsWith(prefix)).stream()
                            .map(f -> "fallback " + f.getPassages().stream().map(p -> p.getArticleId()).toList()
                                    + ": " + questions.get(index(f.getMessageId(), prefix)))).sorted()
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
            List<ChatReplied> honest = answered.stream().filter(r -> r.getSource() == ReplySource.no_answer).toList();
            System.out.printf("%s: %d of %d questions got the honest reply; the others:%s%n", set.getFileName(),
                    honest.size(), questions.size(), notHonest);
            assertThat(honest).as("questions that got the honest reply; the others:" + notHonest)
                    .hasSizeGreaterThanOrEqualTo(floor)
                    .allSatisfy(r -> assertThat(r.getReferences()).isEmpty())
                    .allSatisfy(r -> assertThat(r.getSuggestions()).isNotEmpty());
        }
    }

    private static int index(String messageId, String prefix) {
        return Integer.parseInt(messageId.substring(prefix.length()));
    }
}
