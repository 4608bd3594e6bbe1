package dev.switchboard.tau2.run;

import dev.switchboard.tau2.check.AccountApi;
import dev.switchboard.tau2.check.EndStateChecker;
import dev.switchboard.tau2.check.TaskVerdict;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Plays τ²-bench telecom's small tasks against a running stack, offline (the guided flows, no model), and prints pass
 * or fail per task. Usage (docs/tau2-harness.md, "Running the tasks"):
 *
 * <pre>java -cp tau2-harness/target/classes:... dev.switchboard.tau2.run.Tau2Runner [gateway-url] [task-id-part]</pre>
 *
 * The gateway defaults to {@code http://127.0.0.1:8080}; the demo users' password is {@code DEMO_PASSWORD}
 * (default {@code switchboard}); the customer of every task is alice (C1001).
 */
public final class Tau2Runner {

    private Tau2Runner() {
    }

    public static void main(String[] args) {
        URI gatewayUrl = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
        String only = args.length > 1 ? args[1] : "";
        String password = System.getenv().getOrDefault("DEMO_PASSWORD", "switchboard");
        List<Played> played = play(gatewayUrl, password, id -> id.contains(only),
                System.getenv("TAU2_TRANSCRIPTS") != null, System.out);
        System.out.println(played.stream().filter(Played::passed).count() + " of " + played.size() + " passed");
    }

    /** One task's result: whether its end state was reached, and the conversation that led there. */
    public record Played(String taskId, boolean passed, List<String> transcript) {
    }

    /**
     * Plays the tasks whose id {@code chosen} accepts against the stack at {@code gatewayUrl}, printing a line per task
     * (with the failed assertions and, for a failure or when {@code transcripts}, the conversation) to {@code out}.
     */
    public static List<Played> play(URI gatewayUrl, String password, Predicate<String> chosen, boolean transcripts,
            PrintStream out) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Gateway gateway = new Gateway(http, gatewayUrl);
        String admin = gateway.signIn("admin", password);
        String agent = gateway.signIn("agent", password);
        String customer = gateway.signIn("alice", password);
        List<Tau2Task> tasks = Tau2Tasks.small().stream().filter(t -> chosen.test(t.id())).toList();
        List<Played> played = new ArrayList<>();
        for (Tau2Task task : tasks) {
            gateway.reset(admin);
            EndStateChecker checker = new EndStateChecker(new AccountApi(http, gatewayUrl, agent));
            TaskPlay play = new TaskPlay(gateway.chat(customer), checker,
                    call -> accountSetup(gateway, admin, agent, task, call),
                    billId -> gateway.pay(customer, billId, "tau2-pay-" + task.id() + "-" + System.nanoTime()));
            try {
                TaskPlay.Outcome outcome = play.play(task);
                TaskVerdict verdict = outcome.verdict();
                played.add(new Played(task.id(), verdict.passed(), outcome.transcript()));
                out.println((verdict.passed() ? "PASS " : "FAIL ") + task.id() + " (" + outcome.stopped()
                        + ", " + outcome.transcript().size() / 2 + " turns"
                        + (verdict.unchecked().isEmpty() ? "" : ", not checked: " + verdict.unchecked()) + ")");
                verdict.results().stream().filter(r -> !r.passed()).forEach(r -> out.println(
                        "    " + r.assertion().function() + " " + r.assertion().arguments().values() + ": "
                                + r.detail()));
                if (!verdict.passed() || transcripts) {
                    outcome.transcript().forEach(line -> out.println("      " + line));
                }
            } catch (RuntimeException e) {
                played.add(new Played(task.id(), false, List.of()));
                out.println("FAIL " + task.id() + " (" + e.getMessage() + ")");
            }
        }
        return played;
    }

    /**
     * The account's side of a task's initial state: roaming changes as an agent's actions, the others (which no
     * action offers) by account-service's development set-ups.
     */
    private static void accountSetup(Gateway gateway, String admin, String agent, Tau2Task task, EnvCall call) {
        String customerId = call.arguments().string("customer_id");
        String lineId = call.arguments().string("line_id");
        switch (call.function()) {
            case "enable_roaming", "disable_roaming" -> gateway.roaming(agent, customerId, lineId,
                    call.function().equals("enable_roaming"), "tau2-setup-" + task.id() + "-" + System.nanoTime());
            case "set_data_usage" -> gateway.dataUsage(admin, lineId, call.arguments().number("data_used_gb"));
            case "suspend_line_for_overdue_bill" -> gateway.overdueSuspension(admin, customerId, lineId,
                    call.arguments().string("new_bill_id"), call.arguments().bool("contract_ended"));
            default -> throw new IllegalStateException("no API sets up the account's '" + call.function() + "'");
        }
    }
}
