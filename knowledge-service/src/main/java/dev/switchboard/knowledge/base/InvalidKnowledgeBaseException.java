package dev.switchboard.knowledge.base;

/** The knowledge base file is malformed or incomplete; the message names the file, the path and the field. */
public class InvalidKnowledgeBaseException extends RuntimeException {

    public InvalidKnowledgeBaseException(String source, String path, String problem) {
        super(source + ": " + path + " " + problem);
    }
}
