package dev.switchboard.account.audit;

import dev.switchboard.platform.web.Caller;

/** Who asks, as the audit names them: the caller's id and their one role (admin over agent over customer). */
public record Actor(String userId, String role) {

    public static Actor of(Caller caller) {
        String role = caller.roles().contains(Caller.ADMIN) ? Caller.ADMIN
                : caller.roles().contains(Caller.AGENT) ? Caller.AGENT : Caller.CUSTOMER;
        return new Actor(caller.userId(), role);
    }

    public boolean staff() {
        return !Caller.CUSTOMER.equals(role);
    }
}
