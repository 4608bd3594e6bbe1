package dev.switchboard.intent.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.events.Route;
import dev.switchboard.events.Suggestion;
import dev.switchboard.intent.IntentServiceTest;
import dev.switchboard.language.guardrail.LanguageReplies;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The team's own requests in other languages (issue 18) through Kafka and the real listener: each one recognised gets
 * the language reply from intent-service (in its own language for those we have words for) with a person offered, and
 * is never routed to the knowledge base. All 30 are recognised (docs/intent-classification.md, "Other languages":
 * the one that was not, Vietnamese with most accents left out and English words at English 0.895, is now tipped by
 * its one accented letter).
 */
@IntentServiceTest
class OtherLanguagesIT {

    static final Path SET = Path.of("src/test/resources/eval/other_languages.tsv");
    /** The reply must be in the customer's own language for these (issue 18). */
    static final Set<String> ANSWERED_IN_THEIR_LANGUAGE = Set.of("es", "pt", "fr", "vi", "zh");
    /** Measured 2026-12-03 with the shipped settings: none since accented letters count against English. */
    static final int MISSES_CEILING = 0;

    record Request(String id, String language, String message) {
    }

    @Autowired
    EventPublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void everyRequestInAnotherLanguageGetsTheLanguageReplyAndNoneAnArticle() throws IOException {
        // Given the team's requests: at least 20 in at least four languages besides English
        List<Request> requests = requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(20);
        assertThat(requests.stream().map(Request::language).distinct()).hasSizeGreaterThanOrEqualTo(4);

        try (TopicRecorder classified = new TopicRecorder(brokers, Topics.CHAT_CLASSIFIED.name());
             TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name())) {
            // When each arrives on chat.inbound as the first turn of its own conversation
            requests.forEach(this::send);

            // Then every one is classified, and each routed to the guardrail is answered by intent-service
            Set<String> ids = requests.stream().map(Request::id).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<IntentClassified> turns = classified.values(IntentClassified.class,
                        e -> ids.contains(e.getMessageId()));
                assertThat(turns).hasSize(requests.size());
                assertThat(replies.values(ChatReplied.class, r -> ids.contains(r.getMessageId())))
                        .hasSize((int) turns.stream().filter(t -> t.getRoute() == Route.guardrail).count());
            });
            Map<String, IntentClassified> turns = classified.values(IntentClassified.class,
                    e -> ids.contains(e.getMessageId())).stream()
                    .collect(Collectors.toMap(IntentClassified::getMessageId, Function.identity()));
            Map<String, ChatReplied> answers = replies.values(ChatReplied.class, r -> ids.contains(r.getMessageId()))
                    .stream().collect(Collectors.toMap(ChatReplied::getMessageId, Function.identity()));
            List<String> missed = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Request request : requests) {
                IntentClassified turn = turns.get(request.id());
                if (turn.getLanguage().equals("en")) {
                    missed.add(request.language() + " read as English, route " + turn.getRoute() + ": "
                            + request.message());
                    continue;
                }
                ChatReplied reply = answers.get(request.id());
                boolean right = reply != null && turn.getRoute() == Route.guardrail && Taxonomy.UNKNOWN.equals(turn.getIntent())
                        && turn.getLanguage().equals(request.language())
                        && reply.getSource() == ReplySource.guardrail
                        && reply.getContent().equals(LanguageReplies.in(request.language()))
                        && reply.getReferences().isEmpty()
                        && reply.getSuggestions().stream().map(Suggestion::getId).toList()
                                .equals(List.of(Taxonomy.HUMAN_HANDOFF))
                        && (!ANSWERED_IN_THEIR_LANGUAGE.contains(request.language())
                                || !reply.getContent().equals(LanguageReplies.ENGLISH));
                if (!right) {
                    wrong.add(request.language() + " read as " + turn.getLanguage() + ", route " + turn.getRoute()
                            + ", intent " + turn.getIntent() + ", reply " + (reply == null ? null : reply.getSource())
                            + ": " + request.message());
                }
            }
            // (each named, so a failure says which request and how)
            missed.forEach(m -> System.out.println("  not recognised: " + m));
            System.out.printf("other_languages.tsv: %d of %d get the language reply%n",
                    requests.size() - missed.size() - wrong.size(), requests.size());
            assertThat(wrong).as("recognised requests without the language reply").isEmpty();
            assertThat(missed).as("requests not recognised").hasSizeLessThanOrEqualTo(MISSES_CEILING);
        }
    }

    private void send(Request request) {
        ChatMessageReceived message = new Envelope(request.id(), "c-" + request.id(), "u-lang", 3, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent(request.message());
        message.setChannel("rest");
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "c-" + request.id(), message));
    }

    /** Rows after the comment lines and the header: language TAB meaning TAB message. */
    static List<Request> requests() throws IOException {
        List<String> rows = Files.readAllLines(SET, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).skip(1).toList();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split("\t", 3);
            requests.add(new Request("lang-" + i, cells[0], cells[2].strip()));
        }
        return requests;
    }
}
