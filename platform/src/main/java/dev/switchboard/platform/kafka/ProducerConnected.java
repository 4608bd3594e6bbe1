package dev.switchboard.platform.kafka;

import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Part of readiness: the producer is connected and knows the partitions of every topic of the catalogue that exists,
 * so the first send does not wait for a connection and a metadata round trip. (Asking for a topic that does not exist
 * would block for the producer's max.block.ms: only existing ones are asked for.)
 */
class ProducerConnected implements WarmUp {

    private final KafkaTemplate<String, SpecificRecord> template;
    private final KafkaAdmin admin;

    ProducerConnected(KafkaTemplate<String, SpecificRecord> template, KafkaAdmin admin) {
        this.template = template;
        this.admin = admin;
    }

    @Override
    public void warmUp() throws Exception {
        Set<String> existing;
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            existing = client.listTopics().names().get(10, TimeUnit.SECONDS);
        }
        for (Topic topic : Topics.ALL) {
            if (existing.contains(topic.name())) {
                template.partitionsFor(topic.name());
            }
        }
    }
}
