package dev.switchboard.llm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LlmFallbackApplication {

    public static void main(String[] args) {
        SpringApplication.run(LlmFallbackApplication.class, args);
    }
}
