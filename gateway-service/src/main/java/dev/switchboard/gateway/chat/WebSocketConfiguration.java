package dev.switchboard.gateway.chat;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    static final String CHAT_WS_PATH = "/api/v1/chat/ws";

    @Bean
    HandlerMapping chatWebSocketMapping(ChatWebSocketHandler handler) {
        // ahead of the gateway's route mapping, so the WebSocket is served here and never proxied
        return new SimpleUrlHandlerMapping(Map.of(CHAT_WS_PATH, handler), Ordered.HIGHEST_PRECEDENCE);
    }
}
