package dev.switchboard.gateway.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a customer sends, over REST or WebSocket. {@code id} and {@code conversationId} are optional: the gateway
 * assigns them when absent. {@code choice} is the id of a suggestion the customer clicked (a clarification's intent, a
 * flow's option). Unknown fields are ignored.
 */
record CustomerMessage(
        @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
        @NotBlank @Size(max = 4000) String content,
        @Pattern(regexp = "user", message = "must be \"user\"") String role,
        String timestamp,
        @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String conversationId,
        @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String choice) {

    static final String ID_PATTERN = "[A-Za-z0-9._:-]+";
    static final String ID_MESSAGE = "may only contain letters, digits and . _ : -";

    /** Control characters other than line breaks and tabs are dropped: they only ever break rendering and logs. */
    String cleanContent() {
        return content.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
    }
}
