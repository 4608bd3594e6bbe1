package dev.switchboard.gateway.edge;

import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread's stack when a test fails on a blocking read's timeout: the management port's request of
 * {@code EdgeIT} went unanswered for 30 s in two CI runs and never here, and what the server's threads were doing
 * then is what would explain it.
 */
class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        // what Reactor's block(Duration) throws when nothing came in time
        if (failure instanceof IllegalStateException && failure.getCause() instanceof TimeoutException) {
            StringBuilder dump = new StringBuilder("Threads at the timeout of " + context.getDisplayName() + ":\n");
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                dump.append('"').append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState())
                        .append('\n');
                for (StackTraceElement frame : thread.getValue()) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
            System.err.println(dump);
        }
        throw failure;
    }
}
