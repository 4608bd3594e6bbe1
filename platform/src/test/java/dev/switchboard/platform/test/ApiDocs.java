package dev.switchboard.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a service's OpenAPI document (springdoc's {@code /v3/api-docs}) for the services' API tests. */
public final class ApiDocs {

    private ApiDocs() {
    }

    /** Fetches the gateway's OpenAPI document, checks it describes {@code paths}, and returns it. */
    public static String fetch(WebTestClient web, String... paths) {
        return fetch(web, headers -> { }, paths);
    }

    /**
     * Fetches the OpenAPI document of {@code service} as the gateway does (with its own internal token), checks it
     * describes {@code paths} and not the caller (which comes from the token, not from a parameter), and returns it.
     */
    public static String fetchAsGateway(WebTestClient web, String service, String... paths) {
        String document = fetch(web, TestIdentity.of(service).service("gateway-service"), paths);
        assertThat(document).as("the OpenAPI document").doesNotContainIgnoringCase("\"caller\"");
        return document;
    }

    private static String fetch(WebTestClient web, Consumer<HttpHeaders> headers, String... paths) {
        // springdoc builds the document on the first request: seconds on a busy machine
        String document = web.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").headers(headers).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(document).as("the OpenAPI document").contains(paths);
        return document;
    }

    /**
     * Every response body whose schema says nothing of its fields: an {@code object} with no properties (what a
     * {@code Map<String, Object>} body becomes), alone or as the items of an array. Each as "GET /path 200".
     */
    public static List<String> untypedResponses(String document) {
        JsonNode root = JsonMapper.builder().build().readTree(document);
        List<String> untyped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    for (JsonNode media : response.getValue().path("content")) {
                        if (!typed(root, media.path("schema"))) {
                            untyped.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey());
                        }
                    }
                }
            }
        }
        return untyped;
    }

    private static boolean typed(JsonNode root, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            return typed(root, root.path("components").path("schemas").path(name));
        }
        if (schema.has("items")) {
            return typed(root, schema.path("items"));
        }
        if (schema.has("properties")) {
            return true;
        }
        if (schema.path("additionalProperties").isObject()) {
            // a map: typed when its values are
            return typed(root, schema.path("additionalProperties"));
        }
        // a scalar (string, number, a file...) is typed; an object, or no type at all, is not
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(type -> types.add(type.asString()));
        if (schema.path("type").isString()) {
            types.add(schema.path("type").asString());
        }
        types.remove("null");
        return !types.isEmpty() && !types.contains("object");
    }
}
