package dev.switchboard.knowledge.answering;

import dev.switchboard.embedding.SentenceEmbedder;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnsweringConfiguration {

    /** The support desk's hours are judged by this clock; tests fix it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    UncoveredQuestions uncoveredQuestions(SentenceEmbedder embedder, AnsweringProperties properties) {
        return new UncoveredQuestions(embedder, properties.noAnswer().uncovered().settings());
    }
}
