package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyEventTypeTravelsOnExactlyOneTopicButTheFlowTurnsAlsoOnTheirOwn() {
        for (var type : Events.TYPES) {
            List<Topic> topics = Topics.ALL.stream().filter(t -> t.carries(type)).toList();
            if (type == IntentClassified.class) {
                assertThat(topics).containsExactly(Topics.CHAT_CLASSIFIED, Topics.CHAT_FLOW);
            } else {
                assertThat(topics).as(type.getSimpleName()).hasSize(1);
            }
        }
    }

    @Test
    void topicNamesAreUniqueAndDeadLettersFollowTheConvention() {
        assertThat(Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet())).hasSize(Topics.ALL.size());
        assertThat(Topics.CHAT_INBOUND.deadLetterTopic()).isEqualTo("chat.inbound.dlt");
    }

    @Test
    void replyTopicsHaveAPartitionPerGatewayInstance() {
        assertThat(Topics.CHAT_REPLIES.partitions()).isEqualTo(Topics.MAX_GATEWAY_INSTANCES);
        assertThat(Topics.CHAT_REPLY_CHUNKS.partitions()).isEqualTo(Topics.MAX_GATEWAY_INSTANCES);
        assertThat(Topics.byName("chat.replies")).contains(Topics.CHAT_REPLIES);
        assertThat(Topics.ownedBy("gateway-service")).contains(Topics.CHAT_INBOUND, Topics.CHAT_REPLIES);
    }

    @Test
    void onlyTheKnowledgeVersionsAreCompactedOnOnePartitionSoEveryReaderSeesTheLatestInOrder() {
        assertThat(Topics.ALL.stream().filter(Topic::compacted)).containsExactly(Topics.KNOWLEDGE_VERSIONS);
        assertThat(Topics.KNOWLEDGE_VERSIONS.partitions()).isEqualTo(1);
        assertThat(Topics.KNOWLEDGE_VERSIONS.owner()).isEqualTo("knowledge-service");
        assertThat(Topics.KNOWLEDGE_VERSIONS.key()).isEqualTo(Topics.KNOWLEDGE_BASE_KEY);
    }

    @Test
    void accountActionsAreAccountServicesAndKeyedByTheAccount() {
        assertThat(Topics.byName("account.actions")).contains(Topics.ACCOUNT_ACTIONS);
        assertThat(Topics.ownedBy("account-service")).containsExactly(Topics.ACCOUNT_ACTIONS);
        assertThat(Topics.ACCOUNT_ACTIONS.key()).isEqualTo(Topics.ACCOUNT_KEY);
        assertThat(Topics.ACCOUNT_ACTIONS.compacted()).isFalse();
    }

    @Test
    void theCatalogueCannotBeChanged() {
        assertThatThrownBy(() -> Topics.ALL.add(Topics.CHAT_INBOUND)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Topics.CHAT_REPLIES.valueTypes().add(ChatReplied.class))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
