package dev.switchboard.gateway.chat;

import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Upgrades a connection on its own event loop. Reactor Netty hands the connection to the WebSocket when the handshake's
 * promise completes; when the upgrade runs on another thread (the request's filters ended on a Redis client's thread,
 * say) that hand-over is queued as a later event-loop task, and frames the client sends the moment the 101 reaches it
 * are read in between by the finished HTTP request and dropped: no error, no close, the message simply never arrives.
 */
final class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

    private final RequestUpgradeStrategy delegate;

    EventLoopUpgradeStrategy(RequestUpgradeStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        Mono<Void> upgrade = Mono.defer(() -> delegate.upgrade(exchange, handler, subProtocol, handshakeInfoFactory));
        if (ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse()) instanceof Connection connection
                && !connection.channel().eventLoop().inEventLoop()) {
            return upgrade.subscribeOn(Schedulers.fromExecutor(connection.channel().eventLoop()));
        }
        return upgrade;
    }
}
