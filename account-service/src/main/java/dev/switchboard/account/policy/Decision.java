package dev.switchboard.account.policy;

import java.util.function.Supplier;

/**
 * What a rule says about one request: allowed, or refused with the request's field at fault and why.
 *
 * @param field the request field (or header) that made it refused; null when allowed
 */
public record Decision(Rule rule, boolean allowed, String field, String detail) {

    public static Decision allow(Rule rule) {
        return new Decision(rule, true, null, null);
    }

    public static Decision refuse(Rule rule, String field, String detail) {
        return new Decision(rule, false, field, detail);
    }

    /** This decision if it refuses, otherwise {@code next}: the first refusal of a chain of rules wins. */
    public Decision then(Supplier<Decision> next) {
        return allowed ? next.get() : this;
    }
}
