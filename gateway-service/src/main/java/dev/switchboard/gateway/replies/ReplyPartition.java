package dev.switchboard.gateway.replies;

import dev.switchboard.schemas.Topics;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The partition of chat.replies and chat.reply-chunks that this gateway instance owns. */
public record ReplyPartition(int number) {

    private static final Pattern ORDINAL_SUFFIX = Pattern.compile(".*-(\\d+)$");

    public ReplyPartition {
        if (number < 0 || number >= Topics.MAX_GATEWAY_INSTANCES) {
            throw new IllegalArgumentException("Gateway instance " + number + " has no reply partition: chat.replies has "
                    + Topics.MAX_GATEWAY_INSTANCES + " (0.." + (Topics.MAX_GATEWAY_INSTANCES - 1) + ")");
        }
    }

    /** From the configured instance number, else the host name's ordinal suffix, else 0. */
    static ReplyPartition resolve(String configured, String hostname) {
        if (configured != null && !configured.isBlank()) {
            try {
                return new ReplyPartition(Integer.parseInt(configured.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GATEWAY_INSTANCE must be a number, got '" + configured + "'", e);
            }
        }
        if (hostname != null) {
            Matcher matcher = ORDINAL_SUFFIX.matcher(hostname);
            if (matcher.matches()) {
                return new ReplyPartition(Integer.parseInt(matcher.group(1)));
            }
        }
        return new ReplyPartition(0);
    }
}
