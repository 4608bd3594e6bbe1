package dev.switchboard.gateway.chat;

import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.PemKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The conversation ids the gateway hands out, and the check that a message names one of its sender's own. An id is a
 * random UUID and a MAC over it and the owner's user id, keyed from the gateway's private key. So every gateway replica
 * checks ownership without state, a lookup or a call on the message path, and nobody can name another customer's
 * conversation or pick an id in advance. When the gateway's key is rotated, old conversations stay readable but a
 * message into one is refused: the customer starts a new conversation.
 */
@Component
class ConversationIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    @Autowired
    ConversationIds(InternalAuthProperties properties) {
        this(PemKeys.privateKey("INTERNAL_AUTH_PRIVATE_KEY", properties.signingKey()).getEncoded());
    }

    ConversationIds(byte[] secret) {
        // a key of its own for this one use, so that the MACs say nothing about the signing key
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret, ALGORITHM), "switchboard conversation ids"),
                ALGORITHM);
    }

    /** A new conversation of {@code userId}. */
    String mint(String userId) {
        String random = UUID.randomUUID().toString();
        return random + "." + ENCODER.encodeToString(tag(random, userId));
    }

    /**
     * The conversation that {@code userId}'s message {@code messageId}, sent with no conversation, opens: the same for
     * the same message, so a retry that reaches a gateway which no longer knows the first try (restarted, its record
     * of submissions gone) names the conversation the first try opened instead of a second one; like a minted id it is
     * its owner's only and cannot be known in advance without the key.
     */
    String forFirstMessage(String userId, String messageId) {
        ByteBuffer derived = ByteBuffer.wrap(mac(key, "first message\n" + userId + "\n" + messageId));
        String id = new UUID(derived.getLong(), derived.getLong()).toString();
        return id + "." + ENCODER.encodeToString(tag(id, userId));
    }

    /** Whether {@code conversationId} is one this gateway minted for {@code userId}. */
    boolean ownedBy(String conversationId, String userId) {
        int dot = conversationId.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(conversationId.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(tag(conversationId.substring(0, dot), userId), given);
    }

    private byte[] tag(String random, String userId) {
        // a conversation id holds no line break (CustomerMessage's pattern), so the two parts cannot be shifted
        return Arrays.copyOf(mac(key, random + "\n" + userId), MAC_BYTES);
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }
}
