package dev.switchboard.intent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IntentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntentServiceApplication.class, args);
    }
}
