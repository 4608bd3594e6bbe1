package dev.switchboard.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxSentenceEmbedderTest {

    static OnnxSentenceEmbedder embedder;
    static EmbeddingModel langchain4j;

    @BeforeAll
    static void load() {
        embedder = new OnnxSentenceEmbedder(1);
        langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @ParameterizedTest
    @ValueSource(strings = {"modem", "how do I change my wifi password",
            "I was charged a late fee, can you remove it? I always pay on time. This is ridiculous!!!",
            "@ISP_Support ur service is 💩 again #outage #fail https://t.co/abc",
            "Résiliation de mon abonnement, s'il vous plaît", "我的宽带从昨天开始就断了",
            "my   internet\tkeeps dropping\n every night at 9pm (since the 3rd)", "[UNK] [SEP] wifi"})
    void givesLangchain4jsVectorForAMessage(String message) {
        // Given the same int8 model behind both
        // When a message is embedded by each
        float[] ours = embedder.embed(message);
        float[] theirs = langchain4j.embed(message).content().vector();

        // Then the vectors are the same, up to the order of float sums
        assertThat(SentenceEmbedder.cosine(ours, theirs)).isGreaterThan(0.99999);
        assertThat(SentenceEmbedder.cosine(ours, ours)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void cutsALongTextAtTheTokenizersLimitAsLangchain4jDoes() {
        // Given a text of well over 128 tokens, and the same text with another ending
        String article = "Restart the gateway, wait for the light to turn white, then reconnect each device. ".repeat(40);
        String otherEnding = article + "Then call us about your bill.";

        // When both are embedded
        float[] ours = embedder.embed(article);

        // Then the first is langchain4j's vector, and the ending past the limit changes nothing
        assertThat(SentenceEmbedder.cosine(ours, langchain4j.embed(article).content().vector())).isGreaterThan(0.99999);
        assertThat(embedder.embed(otherEnding)).containsExactly(ours);
    }
}
