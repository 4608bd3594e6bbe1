package dev.switchboard.tau2.run;

import dev.switchboard.tau2.check.AccountApi;
import dev.switchboard.tau2.check.EndStateChecker;
import dev.switchboard.tau2.check.TaskVerdict;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Gateway gateway = new Gateway(http, gatewayUrl);
        String admin = gateway.signIn("admin", password);
        String agent = gateway.signIn("agent", password);
        String customer = gateway.signIn("alice", password);
        List<Tau2Task> tasks = Tau2Tasks.small().stream().filter(t -> t.id().contains(only)).toList();
        int passed = 0;
        for (Tau2Task task : tasks) {
            gateway.reset(admin);
            EndStateChecker checker = new EndStateChecker(new AccountApi(http, gatewayUrl, agent));
            TaskPlay play = new TaskPlay(gateway.chat(customer), checker,
                    call -> accountSetup(gateway, agent, task, call));
            try {
                TaskPlay.Outcome outcome = play.play(task);
                TaskVerdict verdict = outcome.verdict();
                passed += verdict.passed() ? 1 : 0;
                System.out.println((verdict.passed() ? "PASS " : "FAIL ") + task.id() + " (" + outcome.stopped()
                        + ", " + outcome.transcript().size() / 2 + " turns"
                        + (verdict.unchecked().isEmpty() ? "" : ", not checked: " + verdict.unchecked()) + ")");
                verdict.results().stream().filter(r -> !r.passed()).forEach(r -> System.out.println(
                        "    " + r.assertion().function() + " " + r.assertion().arguments().values() + ": "
                                + r.detail()));
                if (!verdict.passed() || System.getenv("TAU2_TRANSCRIPTS") != null) {
                    outcome.transcript().forEach(line -> System.out.println("      " + line));
                }
            } catch (RuntimeException e) {
                System.out.println("FAIL " + task.id() + " (" + e.getMessage() + ")");
            }
        }
        System.out.println(passed + " of " + tasks.size() + " passed");
    }

    /** The account's side of a task's initial state: roaming changes exist as agent actions; nothing else does. */
    private static void accountSetup(Gateway gateway, String agent, Tau2Task task, EnvCall call) {
        switch (call.function()) {
            case "enable_roaming", "disable_roaming" -> gateway.roaming(agent, call.arguments().string("customer_id"),
                    call.arguments().string("line_id"), call.function().equals("enable_roaming"),
                    "tau2-setup-" + task.id() + "-" + System.nanoTime());
            default -> throw new IllegalStateException("no API sets up the account's '" + call.function() + "'");
        }
    }
}
