package dev.switchboard.llm.guardrails;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The semantic detector's score is the mean cosine of a message (whole, or any sentence) to its 3 nearest example
 * attacks minus that to its 3 nearest example requests. Two thresholds, because a complaint that merely sounds like an
 * attack must not be refused, while an attack must not reach the model:
 *
 * @param semanticThreshold from this score the message is kept from the model: it gets the extractive answer from
 *     the knowledge base instead; 1 or more turns the detector off (no message is embedded)
 * @param semanticRefusalThreshold from this score the message is refused, like a match of the rules
 */
@ConfigurationProperties("switchboard.llm.guardrail")
record GuardrailProperties(@DefaultValue("0.04") double semanticThreshold,
        @DefaultValue("0.10") double semanticRefusalThreshold) {

    static final double OFF = 1.0;

    boolean semanticDetector() {
        return semanticThreshold < OFF;
    }
}
