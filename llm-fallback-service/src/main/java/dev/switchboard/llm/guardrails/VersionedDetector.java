package dev.switchboard.llm.guardrails;

import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.kafka.versions.KnowledgeBaseUser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The semantic detector of the knowledge base version in use: its ordinary requests are that version's example
 * phrases, so a question a new version answers is not taken for an attack. A new version's detector is built beside
 * the one in use and replaces it in one step.
 */
final class VersionedDetector implements KnowledgeBaseUser {

    private record Loaded(Version version, SemanticInjectionDetector detector) {
    }

    private final Function<TrainingExamples, SemanticInjectionDetector> build;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final CompletableFuture<Void> first = new CompletableFuture<>();

    VersionedDetector(Function<TrainingExamples, SemanticInjectionDetector> build) {
        this.build = build;
    }

    @Override
    public Optional<Version> inUse() {
        return Optional.ofNullable(current.get()).map(Loaded::version);
    }

    @Override
    public void use(Version version, byte[] content) {
        current.set(new Loaded(version,
                build.apply(TrainingExamples.fromJson(new String(content, StandardCharsets.UTF_8)))));
        first.complete(null);
    }

    /** The detector in use; it is an error to ask before a first version is loaded. */
    SemanticInjectionDetector detector() {
        Loaded loaded = current.get();
        if (loaded == null) {
            throw new IllegalStateException("no knowledge base version is loaded yet (waiting for knowledge.versions "
                    + "and knowledge-service)");
        }
        return loaded.detector();
    }

    /** Runs {@code action} once a first version is loaded: at once when one is, else on the thread that loads it. */
    void whenLoaded(Runnable action) {
        first.thenRun(action);
    }
}
