package dev.switchboard.intent.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrisisSignalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"I want to kill myself", "i dont want to be here anymore", "I don’t want to live any more",
            "been thinking about suicide", "what's the most painless way to die", "I'm better off dead",
            "thinking of ending my life", "I keep wanting to hurt myself", "there's no reason to go on",
            "how many pills would it take to die", "what's a lethal dose of tylenol"})
    void plainWordsOfSelfHarmAreSigns(String message) {
        // Given a customer saying plainly they may harm themselves
        // When the message is read
        // Then it is a sign
        assertThat(CrisisSignals.match(message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"this router is killing me", "I'm dying to know why my bill went up",
            "I don't want to be here on hold all day", "kill the process on the modem", "my phone died again",
            "end my contract early", "I want to end things with you guys, cancel my service",
            "the lag is murder", "self-install kit missing", "how many tablets can connect to the wifi",
            "how much data would it take to stream all night"})
    void angerAndServiceWordsAreNot(String message) {
        // Given customers' anger and words of the service that sound like it
        // When the message is read
        // Then none is a sign
        assertThat(CrisisSignals.match(message)).isFalse();
    }
}
