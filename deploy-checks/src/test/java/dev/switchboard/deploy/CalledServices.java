package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services a service calls, as the URL variables it reads ({@code CHAT_SERVICE_URL}): those its application.yml
 * names, and {@code KNOWLEDGE_SERVICE_URL} for the services knowledge-service serves its versions to (its
 * internal-callers), whose setting comes with platform's defaults. A deployment must set each to where that service is.
 */
final class CalledServices {

    private static final Pattern URL_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+_SERVICE_URL):");
    private static final Pattern INTERNAL_CALLERS = Pattern.compile("internal-callers:\\s*\\[([^]]*)]");

    private CalledServices() {
    }

    static Set<String> urlVariables(Path home, String service) {
        Set<String> variables = new TreeSet<>();
        Matcher variable = URL_VARIABLE.matcher(configuration(home, service));
        while (variable.find()) {
            variables.add(variable.group(1));
        }
        Matcher callers = INTERNAL_CALLERS.matcher(configuration(home, "knowledge-service"));
        if (callers.find() && Set.of(callers.group(1).replace(" ", "").split(",")).contains(service)) {
            variables.add("KNOWLEDGE_SERVICE_URL");
        }
        return variables;
    }

    /** {@code KNOWLEDGE_SERVICE_URL} → {@code knowledge-service}. */
    static String serviceOf(String urlVariable) {
        return urlVariable.replace("_URL", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String configuration(Path home, String service) {
        try {
            return Files.readString(home.resolve(service).resolve("src/main/resources/application.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
