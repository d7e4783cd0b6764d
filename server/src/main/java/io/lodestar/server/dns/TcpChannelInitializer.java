package io.lodestar.server.dns;

import io.lodestar.server.OverflowLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits an accepted TCP connection if fewer than {@code tcpMaxConnections} are open (else resets it and counts
 * it) and builds its pipeline: an idle timer (RFC 7766 6.2.3) and the {@link TcpQueryHandler}.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {
    private static final Logger log = LoggerFactory.getLogger(TcpChannelInitializer.class);
    private final QueryAnswerer answerer;
    private final int maxConnections;
    private final int idleTimeoutSeconds;
    private final int maxPendingPerConnection;
    private final AtomicInteger open = new AtomicInteger();
    private final OverflowLog rejected;
    private final OverflowLog pipelineFull;

    TcpChannelInitializer(QueryAnswerer answerer, int maxConnections, int idleTimeoutSeconds,
                          int maxPendingPerConnection) {
        this.answerer = answerer;
        this.maxConnections = maxConnections;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.maxPendingPerConnection = maxPendingPerConnection;
        this.rejected = new OverflowLog(log, "dns: tcpMaxConnections (" + maxConnections + ") reached; new TCP"
                + " connections are reset (counted in lodestar_dns_tcp_connections_rejected_total)");
        this.pipelineFull = new OverflowLog(log, "dns: a TCP client has tcpMaxQueriesPerConnection ("
                + maxPendingPerConnection + ") answers waiting; its connection is not read until they drain"
                + " (counted in lodestar_dns_tcp_pipeline_full_total)");
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
            rejected.overflow();
            // A reset rather than a FIN: the client learns at once, and no TIME_WAIT is left on our side.
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
            return;
        }
        answerer.counters().tcpConnections.increment();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ch.pipeline().addLast(
                new IdleStateHandler(0, 0, idleTimeoutSeconds, TimeUnit.SECONDS),
                new TcpQueryHandler(answerer, maxPendingPerConnection, pipelineFull));
    }
}
