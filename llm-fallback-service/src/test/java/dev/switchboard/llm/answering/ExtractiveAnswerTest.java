package dev.switchboard.llm.answering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.KnowledgePassage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {

    @Test
    void theBestPassageIsQuotedBySentenceWithItsTitleAndAnOfferOfAPerson() {
        KnowledgePassage passage = new KnowledgePassage("kb-wifi-1", "Finding your WiFi password", "wifi_setup",
                "Your network name and password are on the sticker under the gateway. You can also open the app. "
                        + "Go to Network, then WiFi. Tap Show password. Change it there too.", 0.4);

        String answer = ExtractiveAnswer.from(List.of(passage));

        assertThat(answer).contains("\"Finding your WiFi password\"")
                .contains("sticker under the gateway. You can also open the app. Go to Network, then WiFi.")
                .doesNotContain("Tap Show password")
                .contains("type \"agent\"");
    }
}
