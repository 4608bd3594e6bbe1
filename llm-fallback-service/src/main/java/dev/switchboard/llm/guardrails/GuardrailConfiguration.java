package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.llm.model.LlmProperties;
import dev.switchboard.platform.lifecycle.WarmUp;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The input guardrail: the lexical rules, plus the semantic detector unless its threshold turns it off. */
@Configuration(proxyBeanMethods = false)
class GuardrailConfiguration {

    @Bean
    InputGuardrail inputGuardrail(LlmProperties llm, GuardrailProperties guardrail,
            ObjectProvider<SentenceEmbedder> embedder) {
        if (!guardrail.semanticDetector()) {
            return new InputGuardrail(llm.relevantPassageScore());
        }
        return new InputGuardrail(llm.relevantPassageScore(),
                SemanticInjectionDetector.fromClassPath(embedder.getObject(), guardrail.semanticThreshold(),
                        guardrail.semanticRefusalThreshold()));
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
