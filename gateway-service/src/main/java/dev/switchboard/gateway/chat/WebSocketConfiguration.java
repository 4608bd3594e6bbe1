package dev.switchboard.gateway.chat;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    static final String CHAT_WS_PATH = "/api/v1/chat/ws";

    @Bean
    HandlerMapping chatWebSocketMapping(ChatWebSocketHandler handler) {
        // ahead of the gateway's route mapping, so the WebSocket is served here and never proxied
        return new SimpleUrlHandlerMapping(Map.of(CHAT_WS_PATH, handler), Ordered.HIGHEST_PRECEDENCE);
    }

    /** Caps the frame size at the protocol level, before a frame is buffered. */
    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(WebSocketLimits limits) {
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(new EventLoopUpgradeStrategy(
                new ReactorNettyRequestUpgradeStrategy(
                        () -> WebsocketServerSpec.builder().maxFramePayloadLength(limits.maxFrameBytes())))));
    }
}
