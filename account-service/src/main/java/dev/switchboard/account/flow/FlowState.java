package dev.switchboard.account.flow;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one conversation's troubleshooting stands, kept in account-service's database between turns (so it survives a
 * restart): the verified customer and the line chosen, the problem, the question the next answer answers
 * ({@code step}), the checks already done, what the customer reported ({@code facts}: signal, speed, abroad, mms) and
 * the action waiting for the customer's confirmation.
 *
 * @param step {@code line}, {@code problem}, {@code test}, {@code ask:<check>}, {@code fix:<check>:<n>},
 *     {@code offer:<kind>}, {@code confirm:<kind>} or {@code paid}
 * @param confirmation the quote's confirmation token of the write the customer is asked to confirm
 * @param amount the refuel asked for (GB), or the bill to pay
 */
record FlowState(String customerId, String lineId, String problem, String step, Set<String> done,
        Map<String, String> facts, String confirmation, String amount) {

    FlowState {
        done = new LinkedHashSet<>(done == null ? Set.of() : done);
        facts = new HashMap<>(facts == null ? Map.of() : facts);
    }

    static FlowState start() {
        return new FlowState(null, null, null, "line", Set.of(), Map.of(), null, null);
    }

    FlowState at(String next) {
        return new FlowState(customerId, lineId, problem, next, done, facts, confirmation, amount);
    }

    FlowState pending(String next, String token, String value) {
        return new FlowState(customerId, lineId, problem, next, done, facts, token, value);
    }

    FlowState withCustomer(String customer, String line) {
        return new FlowState(customer, line, problem, step, done, facts, confirmation, amount);
    }

    FlowState withProblem(String chosen) {
        return new FlowState(customerId, lineId, chosen, step, done, facts, confirmation, amount);
    }

    String fact(String name) {
        return facts.get(name);
    }
}
