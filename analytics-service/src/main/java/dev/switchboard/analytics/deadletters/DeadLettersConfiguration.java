package dev.switchboard.analytics.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeadLettersConfiguration {

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, DatabaseClient db) {
        return new DeadLetters(kafka.buildAdminProperties(), db, Clock.systemUTC());
    }

    @Bean
    DeadLetterWatch deadLetterWatch(KafkaProperties kafka, MeterRegistry meters) {
        return new DeadLetterWatch(kafka.buildAdminProperties(), meters, Clock.systemUTC());
    }
}
