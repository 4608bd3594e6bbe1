package dev.switchboard.platform.web;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The authenticated caller as the gateway passes it on ({@code X-User-Id}, {@code X-User-Roles}); the gateway strips
 * these headers from client requests, and this service is only reachable through it.
 */
public record Caller(String userId, Set<String> roles) {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";

    public static Caller of(String userId, String roles) {
        if (userId == null || userId.isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "No authenticated caller (X-User-Id)");
        }
        return new Caller(userId, roles == null ? Set.of()
                : Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
    }

    /** Refuses callers without the agent or admin role. */
    public Caller requireStaff(String what) {
        if (!isStaff()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " is for agents and admins");
        }
        return this;
    }

    /** Refuses callers without the admin role. */
    public Caller requireAdmin(String what) {
        if (!roles.contains("admin")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " is for admins");
        }
        return this;
    }

    public boolean isStaff() {
        return roles.contains("agent") || roles.contains("admin");
    }
}
