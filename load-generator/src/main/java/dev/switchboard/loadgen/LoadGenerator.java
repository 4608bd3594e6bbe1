package dev.switchboard.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code java -jar load-generator.jar [options]}: runs the benchmark, prints the summary, writes the JSON. */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(e.getMessage() == null || e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Report report;
        try {
            report = LoadRun.run(options);
        } catch (IllegalStateException e) {
            // the stack is not there, or refuses: say why, without a stack trace
            System.err.println("The benchmark could not run: " + e.getMessage());
            System.exit(1);
            return;
        }
        new Summary(System.out).print(report);
        if (options.out() != null) {
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValue(Files.newBufferedWriter(options.out()), report);
            System.out.println("Every figure: " + options.out().toAbsolutePath());
        }
        // the JDK HTTP client and the Kafka clients keep threads of their own: the run is over
        System.exit(0);
    }
}
