package dev.switchboard.platform.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Works around a keep-alive stall of reactor-netty's HTTP/1.1 server (reactor/reactor-netty#4361, still in 1.3.6): a
 * request that arrives before the previous request's operations have terminated is buffered, and when that buffered
 * request is answered at once, the connection never asks for another read, so the client's next request on it waits
 * for ever. The gateway met it when a chat reply was written from the Kafka listener's thread and the customer's next
 * request on the same connection was refused at once (MalformedInputIT: one request in about a thousand unanswered
 * for 30 s, in CI and here). After every response this asks the channel for its next read once the event loop has
 * finished its current task; an extra read is harmless, since the server buffers what arrives early. The fix is in
 * reactor-netty releases after 1.3.8, which need a Netty this build cannot resolve: drop this with that upgrade.
 */
final class KeepAliveReads implements NettyServerCustomizer {

    static final String HANDLER_NAME = "switchboard.keepAliveReads";

    private static final ReadAfterResponse READ_AFTER_RESPONSE = new ReadAfterResponse();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            // HTTP/1.1 only: an h2 connection has no such codec and no such stall
            if (channel.pipeline().context(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, READ_AFTER_RESPONSE);
            }
        });
    }

    @ChannelHandler.Sharable
    private static final class ReadAfterResponse extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof LastHttpContent) {
                ChannelPromise written = promise.unvoid();
                written.addListener(done -> context.channel().eventLoop().execute(() -> {
                    if (context.channel().isActive()) {
                        context.read();
                    }
                }));
                context.write(message, written);
            } else {
                context.write(message, promise);
            }
        }
    }
}
