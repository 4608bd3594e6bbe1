package dev.switchboard.chat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.chat.ChatServiceTest;
import dev.switchboard.platform.test.EmbeddedPostgresSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

@ChatServiceTest
// its own database: it counts every conversation
@TestPropertySource(properties = EmbeddedPostgresSupport.Database.DATABASE + "=chat_retention")
class RetentionIT {

    @Autowired
    Retention retention;

    @Autowired
    DatabaseClient db;

    @Test
    void onlyClosedConversationsOlderThanTheCutoffAreDeletedWithTheirMessages() {
        // Given an old closed, an old open and a recent closed conversation, each with a message
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        Instant recent = Instant.parse("2026-11-20T00:00:00Z");
        conversation("old-closed", "closed", old);
        conversation("old-open", "open", old);
        conversation("recent-closed", "closed", recent);

        // When the retention deletes what is older than a cutoff between them
        Long deleted = retention.deleteClosedBefore(Instant.parse("2026-06-01T00:00:00Z")).block();

        // Then only the old closed one is gone, messages included
        assertThat(deleted).isEqualTo(1);
        assertThat(db.sql("select id from conversations order by id").map(r -> r.get("id", String.class)).all()
                .collectList().block()).isEqualTo(List.of("old-open", "recent-closed"));
        assertThat(db.sql("select count(*) as n from messages where conversation_id = 'old-closed'")
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    private void conversation(String id, String status, Instant at) {
        db.sql("insert into conversations (id, user_id, status, created_at, updated_at) values (:id, 'u', :s, :at, :at)")
                .bind("id", id).bind("s", status).bind("at", at).then().block();
        db.sql("""
                insert into messages (id, conversation_id, user_id, role, content, created_at)
                values (:id, :id, 'u', 'user', 'hi', :at)""").bind("id", id).bind("at", at).then().block();
    }
}
