package dev.switchboard.knowledge.search;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A 400 problem+json whose detail and {@code fields} name the parameter, as the platform's validation problems do. */
final class BadParameter {

    private BadParameter() {
    }

    static ResponseStatusException of(String name, String problem) {
        ResponseStatusException e = new ResponseStatusException(HttpStatus.BAD_REQUEST, name + ": " + problem);
        e.getBody().setTitle("Invalid request");
        e.getBody().setProperty("fields", List.of(name));
        return e;
    }
}
