package dev.switchboard.knowledge.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Where a knowledge base file is read from ({@code KNOWLEDGE_BASE_LOCATION}: a {@code classpath:} or {@code file:}
 * location): imported as the first version when there is none yet, and published as a new version on a reload.
 */
public class KnowledgeBaseSource {

    private final ResourceLoader resources;
    private final String location;

    public KnowledgeBaseSource(ResourceLoader resources, String location) {
        this.resources = resources;
        this.location = location;
    }

    /** Reads the file as text; a missing or unreadable one throws, naming the location. */
    public String read() {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new InvalidKnowledgeBaseException(location, "$", "does not exist");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidKnowledgeBaseException(location, "$", "cannot be read: " + e.getMessage());
        }
    }

    public String location() {
        return location;
    }
}
