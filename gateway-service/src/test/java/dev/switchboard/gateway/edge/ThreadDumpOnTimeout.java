package dev.switchboard.gateway.edge;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails on a blocking read's timeout, prints every thread's stack and names, in the failure's own message,
 * what the server's event loops and any blocked thread were doing: the management port's request of {@code EdgeIT}
 * went unanswered for 30 s in three of the project's CI runs and never here, and CI shows the failures' summary lines
 * but not the tests' output files.
 */
class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    private static final int FRAMES_IN_SUMMARY = 3;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        // what Reactor's block(Duration) throws when nothing came in time
        if (!(failure instanceof IllegalStateException && failure.getCause() instanceof TimeoutException)) {
            throw failure;
        }
        Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
        StringBuilder dump = new StringBuilder("Threads at the timeout of " + context.getDisplayName() + ":\n");
        threads.forEach((thread, frames) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : frames) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.err.println(dump);
        String summary = threads.entrySet().stream().filter(thread -> worthNaming(thread.getKey()))
                .map(thread -> thread.getKey().getName() + " " + thread.getKey().getState() + " " + top(thread.getValue()))
                .sorted().collect(Collectors.joining("; "));
        throw new AssertionError(failure.getMessage() + "; event loops and blocked threads then: " + summary, failure);
    }

    /** The event loops (an idle one waits in epoll or select) and any thread waiting for a monitor. */
    private static boolean worthNaming(Thread thread) {
        boolean eventLoop = thread.getName().contains("-epoll-") || thread.getName().contains("-nio-");
        return eventLoop || thread.getState() == Thread.State.BLOCKED;
    }

    private static String top(StackTraceElement[] frames) {
        // Netty's native epoll, or the JDK's selector
        if (frames.length > 0 && (frames[0].getClassName().equals("io.netty.channel.epoll.Native")
                || frames[0].getClassName().equals("sun.nio.ch.EPoll"))) {
            return "idle";
        }
        return Arrays.stream(frames).limit(FRAMES_IN_SUMMARY)
                .map(frame -> frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
                        + frame.getMethodName() + ":" + frame.getLineNumber())
                .collect(Collectors.joining(" < "));
    }
}
