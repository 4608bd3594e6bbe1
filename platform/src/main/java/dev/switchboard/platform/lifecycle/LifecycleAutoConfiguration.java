package dev.switchboard.platform.lifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@AutoConfiguration
public class LifecycleAutoConfiguration {

    @Bean
    @ConditionalOnProperty("SWITCHBOARD_PARENT_PID")
    ParentProcessWatchdog parentProcessWatchdog(ConfigurableApplicationContext context, Environment environment) {
        return new ParentProcessWatchdog(context, environment.getRequiredProperty("SWITCHBOARD_PARENT_PID", Long.class));
    }
}
