package dev.switchboard.platform.lifecycle;

/**
 * Work a service does once before it reports ready, so that the first customer message does not pay for it: the
 * path of a message is exercised (its model run, its index searched, its database and broker connected). Every
 * {@code WarmUp} bean runs after start-up, by {@link org.springframework.core.Ordered} order (0 when it implements
 * none) and then bean name; readiness stays OUT_OF_SERVICE until all succeeded.
 */
@FunctionalInterface
public interface WarmUp {

    /** Runs the path once; throws if it cannot yet (it is tried again a second later). */
    void warmUp() throws Exception;
}
