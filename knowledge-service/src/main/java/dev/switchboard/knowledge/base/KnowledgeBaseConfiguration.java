package dev.switchboard.knowledge.base;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class KnowledgeBaseConfiguration {

    @Bean
    KnowledgeBaseSource knowledgeBaseSource(ResourceLoader resources,
            @Value("${switchboard.knowledge.location}") String location) {
        return new KnowledgeBaseSource(resources, location);
    }

    @Bean
    KnowledgeBaseLoader knowledgeBaseLoader(JsonMapper json) {
        return new KnowledgeBaseLoader(json);
    }
}
