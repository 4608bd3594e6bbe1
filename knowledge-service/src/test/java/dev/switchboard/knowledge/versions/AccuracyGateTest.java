package dev.switchboard.knowledge.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.ExampleRouting;
import dev.switchboard.classifier.IntentModel;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import dev.switchboard.knowledge.retrieval.KnowledgeIndex;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.test.BuildCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The gate with the real model on the shipped knowledge base (loading and training it, shared by the tests). */
class AccuracyGateTest {

    static final AccuracyGate.Settings SETTINGS = new AccuracyGate.Settings(0.85, 0.01);

    @TempDir
    static Path heads;

    static String document;
    static KnowledgeBase shipped;
    static SentenceEmbedder model;
    static AccuracyGate gate;

    @BeforeAll
    static void serveTheShippedVersion() {
        document = shippedDocument();
        shipped = new KnowledgeBaseLoader(JsonMapper.builder().build()).load(document, "knowledge-base.json");
        model = Embedders.cached(Embedders.onnx(2), BuildCache.directory());
        Retriever.Served served = new Retriever.Served(new PublishedKnowledgeBase(1, "shipped", shipped),
                KnowledgeIndex.build(shipped, model, RetrievalSettings.defaults()));
        gate = new AccuracyGate(() -> served, SETTINGS, ClassifierSettings.defaults(),
                TrainedHeads.in(heads.toString()));
    }

    @Test
    void theFiguresAreThoseOfTheClassifierIntentServiceTrainsOnTheSameDocument() {
        // Given a version that adds an article but changes no example phrase
        KnowledgeBase relabelled = new KnowledgeBase("with another label", shipped.entries());

        // When the gate checks it
        ExampleRouting figures = gate.check(relabelled);

        // Then it passes, with the figures of the classifier trained on the document as intent-service reads it
        // (1,022 of 1,147 = 0.891 on 2026-12-03); the heads it kept are the ones the same training makes, so they are
        // read back
        ExampleRouting classifier = IntentModel.routeOwnExamples(model, TrainingExamples.fromJson(document),
                ClassifierSettings.defaults(), TrainedHeads.in(heads.toString()), AccuracyGate.FOLDS);
        assertThat(figures).isEqualTo(classifier);
        assertThat(figures.examples()).isEqualTo(TrainingExamples.fromJson(document).size());
        assertThat(figures.accuracy()).isGreaterThan(SETTINGS.minAccuracy());
    }

    @Test
    void examplesFiledUnderTheWrongIntentAreRefusedWithTheFiguresAndTheExamples() {
        // Given a version whose autopay examples were pasted under wifi_setup
        Map<String, KnowledgeBase.Entry> entries = new LinkedHashMap<>(shipped.entries());
        KnowledgeBase.Entry wifi = entries.get("wifi_setup");
        entries.put("wifi_setup", new KnowledgeBase.Entry(wifi.intent(), wifi.agent(), wifi.title(), wifi.keywords(),
                wifi.response(), wifi.confidence(), entries.get("autopay_paperless").examples(), wifi.articles(),
                wifi.followUps()));

        // When the gate checks it, Then it is refused naming both versions' figures and the misfiled examples
        assertThatThrownBy(() -> gate.check(new KnowledgeBase("misfiled", entries)))
                .isInstanceOf(AccuracyGate.Refused.class)
                .hasMessageContaining("the accuracy gate refused it: the intent classifier trained on it routes 0.8")
                .hasMessageContaining("where the active version 1 routes 0.89")
                .hasMessageContaining("(wifi_setup -> autopay_paperless)");
    }

    private static String shippedDocument() {
        try (InputStream in = AccuracyGateTest.class.getClassLoader().getResourceAsStream("knowledge-base.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
