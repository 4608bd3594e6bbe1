package dev.switchboard.analytics.reporting;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** How an unanswered question's embedding is stored (bytea): float32, little-endian, as the reply carried it. */
public final class QuestionEmbeddings {

    private QuestionEmbeddings() {
    }

    public static ByteBuffer encode(List<Float> embedding) {
        ByteBuffer bytes = ByteBuffer.allocate(embedding.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        embedding.forEach(bytes::putFloat);
        return bytes.flip();
    }

    static float[] decode(ByteBuffer stored) {
        ByteBuffer bytes = stored.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }
}
