package dev.switchboard.gateway.health;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where each service behind the gateway answers, for the detailed health view. */
@ConfigurationProperties("switchboard.gateway")
public record ServiceUrls(@DefaultValue Map<String, String> services) {

    public Map<String, String> all() {
        return services;
    }
}
