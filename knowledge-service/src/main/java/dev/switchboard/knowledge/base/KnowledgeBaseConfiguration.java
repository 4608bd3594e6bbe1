package dev.switchboard.knowledge.base;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class KnowledgeBaseConfiguration {

    @Bean
    KnowledgeBase knowledgeBase(JsonMapper json,
            @Value("${switchboard.knowledge.resource:knowledge-base.json}") String resource) {
        return new KnowledgeBaseLoader(json).loadClasspath(resource);
    }
}
