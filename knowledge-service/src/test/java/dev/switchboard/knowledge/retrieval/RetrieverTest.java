package dev.switchboard.knowledge.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.knowledge.base.InvalidKnowledgeBaseException;
import dev.switchboard.knowledge.base.KnowledgeBaseSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;

class RetrieverTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aReloadSwapsInTheEditedFileAndABadFileLeavesTheOldIndexServing() throws IOException {
        // Given a retriever serving a copy of the shipped knowledge base from a file
        Path file = dir.resolve("kb.json");
        String shipped = shipped();
        Files.writeString(file, shipped);
        Retriever retriever = new Retriever(new KnowledgeBaseSource(JsonMapper.builder().build(),
                new DefaultResourceLoader(), "file:" + file), TestIndex.embedder(), RetrievalSettings.defaults(),
                meters);
        String version = retriever.knowledgeBase().version();

        // When the file is edited and reloaded
        Files.writeString(file, shipped.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"edited\""));
        retriever.reload();

        // Then the edit serves
        assertThat(version).isNotEqualTo("edited");
        assertThat(retriever.knowledgeBase().version()).isEqualTo("edited");

        // When the file is broken and reloaded
        Files.writeString(file, shipped.replace("\"response\"", "\"answer\""));

        // Then the reload is refused, naming the field, and the previous index keeps answering
        assertThatThrownBy(retriever::reload).isInstanceOf(InvalidKnowledgeBaseException.class)
                .hasMessageContaining(".response must be a non-empty string");
        assertThat(retriever.knowledgeBase().version()).isEqualTo("edited");
        assertThat(retriever.retrieve("how do I pay my bill", null, Map.of(), Retriever.Origin.SEARCH).confident())
                .isTrue();
        assertThat(meters.get("knowledge.retrieval").tag("origin", "search").timer().count()).isEqualTo(1);
    }

    private static String shipped() throws IOException {
        try (InputStream in = RetrieverTest.class.getClassLoader().getResourceAsStream("knowledge-base.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
