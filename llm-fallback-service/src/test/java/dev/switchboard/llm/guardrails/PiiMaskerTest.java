package dev.switchboard.llm.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskerTest {

    @Test
    void cardNumbersSsnsEmailsPhonesAndAccountNumbersAreMasked() {
        // Given a message full of personal data
        String message = "Card 4111 1111 1111 1111, SSN 123-45-6789, mail jane.doe+tv@example.co.uk, "
                + "call +1 (555) 123-4567, account 88812345";

        // When it is masked
        String masked = PiiMasker.mask(message);

        // Then none of it is left
        assertThat(masked).isEqualTo("Card [card number], SSN [ssn], mail [email], call [phone], "
                + "account [account number]");
    }

    @Test
    void ordinaryNumbersStay() {
        assertThat(PiiMasker.mask("My 1 gig plan costs $80 since 2024, error S0600"))
                .isEqualTo("My 1 gig plan costs $80 since 2024, error S0600");
    }

    @Test
    void digitRunsThatFailLuhnAreNotCalledCards() {
        assertThat(PiiMasker.luhnValid("4111111111111111")).isTrue();
        assertThat(PiiMasker.luhnValid("4111111111111112")).isFalse();
    }
}
