package dev.switchboard.schemas;

/** What every service may read in an event's user id (the token's subject). */
public final class Users {

    /** How the user id of a guest starts: an anonymous token of the development issuer, with no account behind it. */
    public static final String GUEST_PREFIX = "guest-";

    private Users() {
    }

    public static boolean isGuest(String userId) {
        return userId != null && userId.startsWith(GUEST_PREFIX);
    }
}
