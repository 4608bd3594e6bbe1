package dev.switchboard.intent.guardrail;

import dev.switchboard.language.guardrail.InjectionRules;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The guardrail's regular expressions on one ordinary turn, as intent-service asks them: the injection rules (the
 * classifier), the attack signals with their readings, and the set-up check. In this package because the signals are
 * package-private; run like ClassificationBenchmark, with this class's name.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LexicalScreeningBenchmark {

    @Param({"short", "long"})
    public String length;

    private String message;

    @Setup
    public void choose() {
        message = "short".equals(length) ? "my internet is super slow tonight"
                : "my internet has been dropping every evening for a week, I already restarted the modem twice and it "
                        + "is still happening. I pay for the fastest plan and my bill went up again. Can you send a "
                        + "technician this weekend?";
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public int turn() {
        return (InjectionRules.match(message) ? 1 : 0) + (AttackSignals.match(message) ? 2 : 0)
                + (AttackSignals.setsUp(message) ? 4 : 0);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(LexicalScreeningBenchmark.class.getSimpleName()).build()).run();
    }
}
