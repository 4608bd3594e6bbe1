package dev.switchboard.account.actions;

import dev.switchboard.account.policy.Rule;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * An action the policy refused, or whose account data does not exist for this caller, after it was audited: answered
 * as problem+json naming the rule, the field at fault and the audit row.
 */
public class ActionRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final Rule rule;
    private final String field;
    private final UUID actionId;

    ActionRefusedException(HttpStatus status, Rule rule, String field, String detail, UUID actionId) {
        super(detail);
        this.status = status;
        this.rule = rule;
        this.field = field;
        this.actionId = actionId;
    }

    HttpStatus status() {
        return status;
    }

    public Rule rule() {
        return rule;
    }

    String field() {
        return field;
    }

    UUID actionId() {
        return actionId;
    }
}
