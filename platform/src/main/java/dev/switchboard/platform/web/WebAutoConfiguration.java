package dev.switchboard.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ValidationProblems.class)
public class WebAutoConfiguration {

    /** Every service's HTTP server (see KeepAliveReads; a management server: ManagementServerKeepAliveReads). */
    @Bean
    KeepAliveReads keepAliveReads() {
        return new KeepAliveReads();
    }
}
