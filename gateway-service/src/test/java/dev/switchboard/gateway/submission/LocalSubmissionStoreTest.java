package dev.switchboard.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.platform.kafka.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LocalSubmissionStoreTest {

    @Test
    void theRecordOfSubmissionsStaysWithinItsSizeHoweverManyMessagesCome() {
        // Given a store of 1 MB, and replies citing an article of 2,000 characters, as knowledge-base answers do
        LocalSubmissionStore store = new LocalSubmissionStore(properties(DataSize.ofMegabytes(1)));
        int messages = 2_000;

        // When 2,000 messages are submitted and answered (about 10 MB of replies)
        IntStream.range(0, messages).forEach(i -> {
            SubmissionKey key = new SubmissionKey("guest-" + i, "m-" + i);
            store.claimNow(key, "c-" + i);
            store.answeredNow(key, reply(key), false);
        });

        // Then what it holds stays within the 1 MB, and what it forgot are the oldest: the latest are recognised
        assertThat(store.estimatedBytes()).isPositive().isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes());
        List<Integer> remembered = IntStream.range(0, messages)
                .filter(i -> store.replyNow(new SubmissionKey("guest-" + i, "m-" + i)) != null).boxed().toList();
        assertThat(remembered).hasSizeBetween(100, messages / 4).last().isEqualTo(messages - 1);
        assertThat(remembered).first().isEqualTo(messages - remembered.size());
    }

    @Test
    void aSubmissionIsForgottenAfterTheWindow() {
        // Given a submission recorded at a time, in a store with a window of an hour
        AtomicLong now = new AtomicLong(1_000_000);
        LocalSubmissionStore store = new LocalSubmissionStore(properties(DataSize.ofMegabytes(1)), now::get);
        SubmissionKey key = new SubmissionKey("alice", "m-1");
        store.claimNow(key, "c-1");
        store.answeredNow(key, reply(key), false);

        // When the same id comes again within the hour and after it
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        Claim within = store.claimNow(key, "c-2");
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        Claim after = store.claimNow(key, "c-3");

        // Then within it is the same submission with its reply; after it, a new one
        assertThat(within.first()).isFalse();
        assertThat(within.conversationId()).isEqualTo("c-1");
        assertThat(within.reply()).isNotNull();
        assertThat(after.first()).isTrue();
        assertThat(after.conversationId()).isEqualTo("c-3");
    }

    @Test
    void aReplyReadBackAfterARestartIsRememberedWithItsConversationAnArrivingOneOnlyForAKnownMessage() {
        // Given a replica that restarted: it no longer knows the messages it took before
        LocalSubmissionStore store = new LocalSubmissionStore(properties(DataSize.ofMegabytes(1)));
        SubmissionKey readBack = new SubmissionKey("alice", "m-1");
        SubmissionKey arriving = new SubmissionKey("alice", "m-2");

        // When it reads back the reply to one that came while it was down, and another reply arrives as usual
        store.answeredNow(readBack, reply(readBack), true);
        store.answeredNow(arriving, reply(arriving), false);

        // Then a retry of the first gets its conversation and reply; the other is not made up into a submission
        Claim retry = store.claimNow(readBack, "c-new");
        assertThat(retry.first()).isFalse();
        assertThat(retry.conversationId()).isEqualTo("c");
        assertThat(retry.reply().getMessageId()).isEqualTo("m-1");
        assertThat(store.replyNow(arriving)).isNull();
    }

    private static SubmissionProperties properties(DataSize size) {
        return new SubmissionProperties("", Duration.ofHours(1), Duration.ofMillis(200), size, Duration.ofMillis(250),
                Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(3));
    }

    private static ChatReplied reply(SubmissionKey key) {
        ChatReplied reply = IdempotentSubmissionIT.ScriptedPipeline.reply(
                new Envelope(key.messageId(), "c", key.userId(), 0, Instant.now()), "r".repeat(600));
        reply.setReferences(List.of(new KnowledgePassage("kb-1", "Speed", "slow_internet", "t".repeat(2_000), 0.9)));
        return reply;
    }
}
