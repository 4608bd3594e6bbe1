package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.llm.model.LlmProperties;
import dev.switchboard.platform.lifecycle.WarmUp;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The input guardrail: the lexical rules, plus the semantic detector unless its threshold turns it off; the detector
 * follows the knowledge base versions (its ordinary requests are the version's example phrases).
 */
@Configuration(proxyBeanMethods = false)
class GuardrailConfiguration {

    /** The semantic detector is on below a threshold of 1 (GuardrailProperties.OFF). */
    static final String SEMANTIC_DETECTOR_ON = "${switchboard.llm.guardrail.semantic-threshold:0.04} < 1";

    @Bean
    @ConditionalOnExpression(SEMANTIC_DETECTOR_ON)
    VersionedDetector semanticDetector(GuardrailProperties guardrail, ObjectProvider<SentenceEmbedder> embedder) {
        return new VersionedDetector(knowledgeBase -> SemanticInjectionDetector.of(knowledgeBase, embedder.getObject(),
                guardrail.semanticThreshold(), guardrail.semanticRefusalThreshold()));
    }

    @Bean
    InputGuardrail inputGuardrail(LlmProperties llm, ObjectProvider<VersionedDetector> semanticDetector) {
        VersionedDetector detector = semanticDetector.getIfAvailable();
        return detector == null ? new InputGuardrail(llm.relevantPassageScore())
                : new InputGuardrail(llm.relevantPassageScore(), detector);
    }

    /** Readiness waits for the detector's first model runs, not the first customer whose message reaches it. */
    @Bean
    WarmUp guardrailWarmUp(InputGuardrail guardrail) {
        return () -> {
            for (int round = 0; round < 5; round++) {
                guardrail.check("my router shows a red light since the storm. What does it mean?", "unknown",
                        List.of());
            }
        };
    }
}
