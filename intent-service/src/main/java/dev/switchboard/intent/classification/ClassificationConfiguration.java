package dev.switchboard.intent.classification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClassificationConfiguration {

    @Bean
    IntentClassifier intentClassifier() {
        return new KeywordOverlapClassifier();
    }
}
