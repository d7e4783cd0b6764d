package io.lodestar.server.dns;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits an accepted TCP connection if fewer than {@code tcpMaxConnections} are open (else resets it and counts
 * it) and builds its pipeline: an idle timer (RFC 7766 6.2.3) and the {@link TcpQueryHandler}.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {
    private final QueryAnswerer answerer;
    private final int maxConnections;
    private final int idleTimeoutSeconds;
    private final int maxPendingPerConnection;
    private final AtomicInteger open = new AtomicInteger();

    TcpChannelInitializer(QueryAnswerer answerer, int maxConnections, int idleTimeoutSeconds,
                          int maxPendingPerConnection) {
        this.answerer = answerer;
        this.maxConnections = maxConnections;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.maxPendingPerConnection = maxPendingPerConnection;
    }

    /** TCP connections open now. */
    int openConnections() {
        return open.get();
    }

    @Override
    protected void initChannel(Channel ch) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            answerer.counters().tcpRejected.increment();
            // A reset rather than a FIN: the client learns at once, and no TIME_WAIT is left on our side.
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
            return;
        }
        answerer.counters().tcpConnections.increment();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ch.pipeline().addLast(
                new IdleStateHandler(0, 0, idleTimeoutSeconds, TimeUnit.SECONDS),
                new TcpQueryHandler(answerer, maxPendingPerConnection));
    }
}
