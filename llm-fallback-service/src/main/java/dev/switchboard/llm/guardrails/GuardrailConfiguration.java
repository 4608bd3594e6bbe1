package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.llm.model.LlmProperties;
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
}
