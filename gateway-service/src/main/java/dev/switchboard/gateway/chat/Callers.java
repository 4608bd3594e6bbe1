package dev.switchboard.gateway.chat;

/**
 * Who is chatting. Until the gateway authenticates callers (JWT), every caller is the same anonymous user, so no
 * client-supplied identity is ever trusted.
 */
final class Callers {

    static final String ANONYMOUS = "anonymous";

    private Callers() {
    }
}
