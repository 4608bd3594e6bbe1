package dev.switchboard.platform.web;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer or staff member a request speaks for, as the gateway vouched for them in the request's internal token
 * (a handler parameter of this type is resolved from it; see {@code platform.security}).
 */
public record Caller(String userId, Set<String> roles) {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String ADMIN = "admin";

    /** Refuses callers without the agent or admin role. */
    public Caller requireStaff(String what) {
        if (!isStaff()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " is for agents and admins");
        }
        return this;
    }

    /** Refuses callers without the admin role. */
    public Caller requireAdmin(String what) {
        if (!roles.contains(ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " is for admins");
        }
        return this;
    }

    public boolean isStaff() {
        return roles.contains(AGENT) || roles.contains(ADMIN);
    }
}
