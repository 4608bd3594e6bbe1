package dev.switchboard.intent.routing;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.intent.classification.VersionedClassifier;
import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Topics;
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
     * Readiness rehearses a customer's question through the inbound listener (classified, routed, published on
     * chat.classified), so the first real message runs a warm path (see {@link Rehearsals}).
     */
    @Bean
    WarmUp inboundRehearsal(Rehearsals rehearsals) {
        return rehearsals.warmUp(InboundListener.ID, Topics.CHAT_INBOUND, envelope -> {
            ChatMessageReceived message = envelope.stamp(new ChatMessageReceived());
            message.setContent("How do I set up autopay for my monthly bill?");
            message.setChannel("rest");
            return message;
        });
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
