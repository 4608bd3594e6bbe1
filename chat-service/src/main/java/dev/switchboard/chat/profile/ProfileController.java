package dev.switchboard.chat.profile;

import dev.switchboard.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/profile} and {@code PATCH /api/v1/profile}: the caller's profile and preferences. */
@RestController
class ProfileController {

    private final DatabaseClient db;

    ProfileController(DatabaseClient db) {
        this.db = db;
    }

    record Profile(String userId, List<String> roles, String displayName, String preferredChannel,
            Instant updatedAt) {
    }

    /** Fields left out are not changed. */
    record ProfileUpdate(@Size(min = 1, max = 80) String displayName,
            @Pattern(regexp = "chat|email|sms|phone", message = "must be one of chat, email, sms, phone")
            String preferredChannel) {
    }

    @GetMapping("/api/v1/profile")
    Mono<Profile> get(Caller caller) {
        return read(caller);
    }

    @PatchMapping("/api/v1/profile")
    Mono<Profile> update(@Valid @RequestBody ProfileUpdate update,
            Caller caller) {
        return db.sql("""
                insert into profiles (user_id, display_name, preferred_channel, updated_at)
                values (:user, :name, coalesce(:channel, 'chat'), now())
                on conflict (user_id) do update set
                    display_name = coalesce(excluded.display_name, profiles.display_name),
                    preferred_channel = coalesce(:channel, profiles.preferred_channel),
                    updated_at = excluded.updated_at""")
                .bind("user", caller.userId())
                .bind("name", Parameter.fromOrEmpty(update.displayName(), String.class))
                .bind("channel", Parameter.fromOrEmpty(update.preferredChannel(), String.class))
                .then()
                .then(read(caller));
    }

    private Mono<Profile> read(Caller caller) {
        List<String> roles = caller.roles().stream().sorted().toList();
        return db.sql("select display_name, preferred_channel, updated_at from profiles where user_id = :user")
                .bind("user", caller.userId())
                .map(row -> new Profile(caller.userId(), roles, row.get("display_name", String.class),
                        row.get("preferred_channel", String.class), row.get("updated_at", Instant.class)))
                .one()
                .defaultIfEmpty(new Profile(caller.userId(), roles, null, "chat", null));
    }
}
