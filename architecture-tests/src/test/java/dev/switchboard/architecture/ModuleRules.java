package dev.switchboard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.switchboard.schemas.Taxonomy;
import java.util.Set;

/** The module rules of the project (docs/architecture.md), one object each, so the fixtures test the very rule. */
final class ModuleRules {

    static final String ROOT = "dev.switchboard";

    /**
     * The top-level packages that are not services: the libraries every service may use, the launcher, the load
     * generator and the tau2 harness. Every other {@code dev.switchboard.<name>} is a service, so a new service
     * (account-service) is covered without editing this.
     */
    static final Set<String> NOT_SERVICES = Set.of("schemas", "events", "platform", "embedding", "language", "classifier",
            "localstack", "loadgen", "tau2");

    static final String[] SCHEMAS = {ROOT + ".schemas..", ROOT + ".events.."};

    /** Wiring only: environment, Kafka defaults, process lifecycle, internal identity and web error handling. */
    static final String[] PLATFORM_PACKAGES = {
        ROOT + ".platform.env..", ROOT + ".platform.kafka..", ROOT + ".platform.lifecycle..", ROOT + ".platform.security..",
        ROOT + ".platform.web.."};

    static final ArchRule SERVICES_IMPORT_NO_OTHER_SERVICE = slices().assignedFrom(new ServiceSlices())
            .should().notDependOnEachOther()
            .because("services talk through Kafka events and HTTP, so each deploys and scales on its own");

    static final ArchRule SCHEMAS_DEPEND_ON_NOTHING_OF_OURS = noClasses().that().resideInAnyPackage(SCHEMAS)
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(SCHEMAS))))
            .because("every module reads the events, so the events must not pull any module in");

    static final ArchRule PLATFORM_IS_WIRING = classes().that().resideInAPackage(ROOT + ".platform..")
            .should().resideInAnyPackage(PLATFORM_PACKAGES)
            .andShould().onlyDependOnClassesThat(not(belongToAnyOf(Taxonomy.class)))
            .because("platform is the wiring every service shares; what customers say and what it means (intents, "
                    + "examples, words) belongs to the module that owns it, or to the language library");

    private ModuleRules() {
    }

    /** One slice per service, named by its top-level package; the libraries are in no slice. */
    static final class ServiceSlices implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            String topLevel = name.substring(ROOT.length() + 1).split("\\.", 2)[0];
            return NOT_SERVICES.contains(topLevel) ? SliceIdentifier.ignore() : SliceIdentifier.of(topLevel);
        }

        @Override
        public String getDescription() {
            return "services (every " + ROOT + ".<name> but " + NOT_SERVICES + ")";
        }
    }
}
