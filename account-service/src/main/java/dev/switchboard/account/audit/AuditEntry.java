package dev.switchboard.account.audit;

import dev.switchboard.account.policy.Rule;
import java.math.BigDecimal;

/**
 * One decision on an action, as the audit keeps it and {@code account.actions} carries it.
 *
 * @param customerId the account acted on, or null when none was identified
 * @param target the line, bill, phone number or appointment the action names, or null
 * @param outcome one of {@link Audit#ALLOWED}, {@link Audit#APPLIED}, {@link Audit#CONFIRMATION_REQUIRED},
 *     {@link Audit#REFUSED}, {@link Audit#NOT_FOUND}
 * @param requestId the client's id of a write, or null
 * @param price the price quoted or charged, or null
 */
public record AuditEntry(String actor, String actorRole, String customerId, String action, String target,
        String outcome, Rule rule, String detail, String requestId, BigDecimal price) {
}
