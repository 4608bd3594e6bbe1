package dev.switchboard.platform.lifecycle;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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

    /** The readiness group's {@code warmUp}: OUT_OF_SERVICE until every {@link WarmUp} bean has run. */
    @Bean
    WarmUpHealthIndicator warmUpHealthIndicator(ListableBeanFactory beans) {
        return new WarmUpHealthIndicator(beans);
    }

    @Bean
    @ConditionalOnWebApplication
    HttpServerWarmUp httpServerWarmUp(Environment environment) {
        return new HttpServerWarmUp(environment);
    }
}
