package dev.switchboard.intent.routing;

import dev.switchboard.intent.classification.VersionedClassifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    IntentTitles intentTitles(VersionedClassifier classifier) {
        return new IntentTitles(classifier::titles);
    }

    /**
     * Customer messages are read once a knowledge base version is loaded: until then this replica could not classify
     * them, and holding no partitions of chat.inbound leaves them to the replicas that can.
     */
    @EventListener(ApplicationReadyEvent.class)
    void readInboundOnceAVersionIsLoaded(ApplicationReadyEvent event) {
        VersionedClassifier classifier = event.getApplicationContext().getBean(VersionedClassifier.class);
        KafkaListenerEndpointRegistry listeners = event.getApplicationContext()
                .getBean(KafkaListenerEndpointRegistry.class);
        classifier.whenLoaded(() -> listeners.getListenerContainer(InboundListener.ID).start());
    }
}
