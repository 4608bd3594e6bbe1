package dev.switchboard.chat.retention;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Deletes closed conversations (and their messages) older than the retention period; open ones are never deleted. */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DatabaseClient db;
    private final RetentionProperties properties;

    Retention(DatabaseClient db, RetentionProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${switchboard.chat.retention-sweep:PT1H}", initialDelayString = "PT1M")
    void sweep() {
        Long deleted = deleteClosedBefore(Instant.now().minus(properties.retention())).block(Duration.ofMinutes(5));
        if (deleted != null && deleted > 0) {
            log.info("Deleted {} closed conversations older than {}", deleted, properties.retention());
        }
    }

    Mono<Long> deleteClosedBefore(Instant cutoff) {
        return db.sql("delete from conversations where status = 'closed' and updated_at < :cutoff")
                .bind("cutoff", cutoff).fetch().rowsUpdated();
    }
}
