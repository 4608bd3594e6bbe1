package dev.switchboard.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiDocsTest {

    @Test
    void namesTheResponsesWhoseBodyHasNoFields() {
        // Given a document with a record, a list of records, a map of numbers, text, and three bodies without fields
        String document = """
                {"paths": {
                   "/record": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}}}}},
                   "/records": {"get": {"responses": {"200": {"content": {"*/*": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Report"}}}}}}}},
                   "/counts": {"get": {"responses": {"200": {"content": {"*/*": {"schema": {"type": "object", "additionalProperties": {"type": "integer"}}}}}}}},
                   "/text": {"get": {"responses": {"200": {"content": {"text/plain": {"schema": {"type": ["string", "null"]}}}}}}},
                   "/map": {"get": {"responses": {"200": {"content": {"*/*": {"schema": {"type": "object", "additionalProperties": {}}}}}}}},
                   "/maps": {"post": {"responses": {"202": {"content": {"*/*": {"schema": {"type": "array", "items": {"type": "object"}}}}}}}},
                   "/empty": {"get": {"responses": {"200": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Empty"}}}}}}},
                   "/nothing": {"delete": {"responses": {"204": {"description": "no body"}}}}},
                 "components": {"schemas": {
                   "Report": {"type": "object", "properties": {"count": {"type": "integer"}}},
                   "Empty": {"type": "object"}}}}
                """;

        // When it is read
        // Then exactly the three bodies without fields are named
        assertThat(ApiDocs.untypedResponses(document)).containsExactlyInAnyOrder(
                "GET /map 200", "POST /maps 202", "GET /empty 200");
    }
}
