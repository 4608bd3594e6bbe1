package dev.switchboard.intent.routing;

import dev.switchboard.language.TrainingExamples;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    IntentTitles intentTitles(TrainingExamples training) {
        return new IntentTitles(training.titles());
    }
}
