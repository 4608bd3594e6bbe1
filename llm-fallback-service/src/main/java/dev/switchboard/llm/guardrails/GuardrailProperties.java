package dev.switchboard.llm.guardrails;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param semanticThreshold the semantic detector blocks a message whose score (mean cosine to its 3 nearest example
 *     attacks minus to its 3 nearest example requests, for the whole message or any sentence) reaches it; 1 or more
 *     turns the detector off (no message is embedded)
 */
@ConfigurationProperties("switchboard.llm.guardrail")
record GuardrailProperties(@DefaultValue("0.04") double semanticThreshold) {

    static final double OFF = 1.0;

    boolean semanticDetector() {
        return semanticThreshold < OFF;
    }
}
