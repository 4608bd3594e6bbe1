package dev.switchboard.intent.classification;

import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.kafka.versions.KnowledgeBaseUser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classifier of the knowledge base version this replica serves. A new version is trained beside the one serving
 * and replaces it in one step, so every message is classified wholly by one version, never by a half-built one, and
 * its {@code classifierVersion} names that version ({@code ...-kb-<id>}). Until a first version is loaded nothing can
 * be classified.
 */
public class VersionedClassifier implements IntentClassifier, KnowledgeBaseUser {

    /** Trains a classifier on a version's examples (slow: seconds). */
    @FunctionalInterface
    public interface Trainer {

        IntentClassifier train(TrainingExamples training, long versionId);
    }

    /** A knowledge base version and the classifier trained on it. */
    public record Loaded(long versionId, String label, String checksum, TrainingExamples training,
            IntentClassifier classifier) {
    }

    private final Trainer trainer;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final CompletableFuture<Loaded> first = new CompletableFuture<>();

    public VersionedClassifier(Trainer trainer) {
        this.trainer = trainer;
    }

    /**
     * Trains a classifier on a version, on the caller's thread, then makes it the one that classifies; the one before
     * serves until then.
     */
    public Loaded load(long versionId, String label, String checksum, TrainingExamples training) {
        Loaded loaded = new Loaded(versionId, label, checksum, training, trainer.train(training, versionId));
        current.set(loaded);
        first.complete(loaded);
        return loaded;
    }

    @Override
    public Optional<Version> inUse() {
        return current().map(loaded -> new Version(loaded.versionId(), loaded.label(), loaded.checksum()));
    }

    /** Trains on the version's examples (a document that is not a knowledge base throws) and classifies with it. */
    @Override
    public void use(Version version, byte[] content) {
        load(version.versionId(), version.label(), version.checksum(),
                TrainingExamples.fromJson(new String(content, StandardCharsets.UTF_8)));
    }

    /** The version serving, if any is loaded yet. */
    public Optional<Loaded> current() {
        return Optional.ofNullable(current.get());
    }

    /** What the serving version calls each intent to customers; empty before the first version. */
    public Map<String, String> titles() {
        Loaded loaded = current.get();
        return loaded == null ? Map.of() : loaded.training().titles();
    }

    /** Runs {@code action} once a first version is loaded: at once when one is, else on the thread that loads it. */
    public void whenLoaded(Runnable action) {
        first.thenRun(action);
    }

    @Override
    public Classification classify(String message) {
        Loaded loaded = current.get();
        if (loaded == null) {
            throw new IllegalStateException("no knowledge base version is loaded yet (waiting for knowledge.versions "
                    + "and knowledge-service)");
        }
        return loaded.classifier().classify(message);
    }
}
