package dev.switchboard.knowledge.base;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the knowledge base is read from ({@code KNOWLEDGE_BASE_LOCATION}: a {@code classpath:} or {@code file:}
 * location), at start-up and again on every reload, so an edited file can be served without a restart.
 */
public class KnowledgeBaseSource {

    private final KnowledgeBaseLoader loader;
    private final ResourceLoader resources;
    private final String location;

    public KnowledgeBaseSource(JsonMapper json, ResourceLoader resources, String location) {
        this.loader = new KnowledgeBaseLoader(json);
        this.resources = resources;
        this.location = location;
    }

    /** Reads and validates the file; a missing, malformed or incomplete one throws, naming the path and the field. */
    public KnowledgeBase load() {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new InvalidKnowledgeBaseException(location, "$", "does not exist");
        }
        try (InputStream in = resource.getInputStream()) {
            return loader.load(in, location);
        } catch (IOException e) {
            throw new InvalidKnowledgeBaseException(location, "$", "cannot be read: " + e.getMessage());
        }
    }

    public String location() {
        return location;
    }
}
