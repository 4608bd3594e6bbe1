package dev.switchboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The classes the rules are checked on: the main code of every module of the root pom, and the fixtures. */
final class Modules {

    private static final Path HOME = Path.of(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** Imported once: the main code of the whole project takes a few seconds to read. */
    static final JavaClasses MAIN = importMainClasses();

    private Modules() {
    }

    /** The modules with main code, from the root pom, so a new module is checked without editing the tests. */
    static List<String> withMainCode() {
        try {
            Matcher modules = MODULE.matcher(Files.readString(HOME.resolve("pom.xml")));
            return modules.results().map(module -> module.group(1))
                    .filter(module -> Files.isDirectory(HOME.resolve(module).resolve("src/main/java")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a rule finds in fixtures: deliberately wrong classes in the test sources, in packages that mimic the real
     * modules'. It must find something, or the rule would also let the real mistake through.
     */
    static List<String> violationsInFixtures(ArchRule rule, String... packages) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importPackages(packages));
        assertThat(result.hasViolation()).as("%s violated by the fixtures in %s", rule, List.of(packages)).isTrue();
        return result.getFailureReport().getDetails();
    }

    private static JavaClasses importMainClasses() {
        List<Path> compiled = withMainCode().stream().map(module -> HOME.resolve(module).resolve("target/classes")).toList();
        assertThat(compiled).as("compiled modules (build them in the same reactor)").allMatch(Files::isDirectory);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(compiled);
    }
}
