package dev.switchboard.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {

    private final ConversationIds ids = new ConversationIds("the gateway's key".getBytes(StandardCharsets.UTF_8));

    @Test
    void aMintedIdIsItsOwnersAndNobodyElses() {
        // Given an id minted for alice
        String id = ids.mint("alice");

        // Then it is alice's, not bob's, and a message may carry it
        assertThat(ids.ownedBy(id, "alice")).isTrue();
        assertThat(ids.ownedBy(id, "bob")).isFalse();
        assertThat(id).hasSizeLessThanOrEqualTo(64).matches(CustomerMessage.ID_PATTERN);
        assertThat(ids.mint("alice")).isNotEqualTo(id);
    }

    @Test
    void aFirstMessageOpensTheSameConversationEveryTimeItIsSent() {
        // Given alice's message m-1, sent with no conversation
        String id = ids.forFirstMessage("alice", "m-1");

        // Then sending it again names the same conversation, alice's only; another message or customer another one
        assertThat(ids.forFirstMessage("alice", "m-1")).isEqualTo(id);
        assertThat(ids.ownedBy(id, "alice")).isTrue();
        assertThat(ids.ownedBy(id, "bob")).isFalse();
        assertThat(ids.forFirstMessage("alice", "m-2")).isNotEqualTo(id);
        assertThat(ids.forFirstMessage("bob", "m-1")).isNotEqualTo(id);
        assertThat(id).hasSizeLessThanOrEqualTo(64).matches(CustomerMessage.ID_PATTERN);
        // and without the key it cannot be known in advance
        assertThat(new ConversationIds("another key".getBytes(StandardCharsets.UTF_8)).forFirstMessage("alice", "m-1"))
                .isNotEqualTo(id);
    }

    @Test
    void idsNotMintedWithThisKeyAreNobodys() {
        String id = ids.mint("alice");
        String random = id.substring(0, id.lastIndexOf('.'));
        String tag = id.substring(id.lastIndexOf('.') + 1);

        // another key, a plain UUID, a tag moved to another random part, a changed tag, no tag, a tag that is not base64
        assertThat(ids.ownedBy(new ConversationIds("another key".getBytes(StandardCharsets.UTF_8)).mint("alice"),
                "alice")).isFalse();
        assertThat(ids.ownedBy(UUID.randomUUID().toString(), "alice")).isFalse();
        assertThat(ids.ownedBy(UUID.randomUUID() + "." + tag, "alice")).isFalse();
        assertThat(ids.ownedBy(random + "." + (tag.charAt(0) == 'A' ? 'B' : 'A') + tag.substring(1), "alice"))
                .isFalse();
        assertThat(ids.ownedBy(random + ".", "alice")).isFalse();
        assertThat(ids.ownedBy("." + tag, "alice")).isFalse();
        assertThat(ids.ownedBy(random + ".not:base64", "alice")).isFalse();
        // the user id is part of what is signed, not appended to it
        assertThat(ids.ownedBy(ids.mint("alice\nx"), "alice")).isFalse();
    }
}
