package io.lodestar.server.http;

import io.lodestar.server.OverflowLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

/**
 * The HTTP server's caps on hostile load: at most {@code httpMaxConnections} connections open (more are reset on
 * accept) and requests whose line or headers exceed {@code httpMaxRequestBytes} (Reactor Netty answers those 414 or
 * 431 itself; this counts them). Each overflow is counted and logged once per streak.
 */
final class HttpLimits {
    private static final Logger log = LoggerFactory.getLogger(HttpLimits.class);

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final OverflowLog rejectedLog;
    private final OverflowLog tooLargeLog;
    private final ChannelHandler sizeWatch = new SizeWatch();

    HttpLimits(int maxConnections, int maxRequestBytes) {
        this.maxConnections = maxConnections;
        this.rejectedLog = new OverflowLog(log, "http: httpMaxConnections (" + maxConnections + ") reached; new"
                + " connections are reset (counted in lodestar_http_connections_rejected_total)");
        this.tooLargeLog = new OverflowLog(log, "http: a request line or headers over httpMaxRequestBytes ("
                + maxRequestBytes + "); answered 414 or 431 (counted in lodestar_http_requests_too_large_total)");
    }

    /** A new connection (on its event loop, before it is registered): admitted, or reset at once. */
    void admit(Channel channel) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            rejected.increment();
            rejectedLog.overflow();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, "lodestar.sizeWatch", sizeWatch);
        }
    }

    /** Connections open now. */
    int openConnections() {
        return open.get();
    }

    /** Connections reset on accept because {@code httpMaxConnections} were open. */
    long rejected() {
        return rejected.sum();
    }

    /** Requests refused because their line or headers were over {@code httpMaxRequestBytes}. */
    long tooLarge() {
        return tooLarge.sum();
    }

    /** Sees each decoded request go by and counts the ones the decoder cut for their size. */
    @ChannelHandler.Sharable
    private final class SizeWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                DecoderResult result = request.decoderResult();
                if (result.isFailure() && result.cause() instanceof TooLongFrameException) {
                    tooLarge.increment();
                    tooLargeLog.overflow();
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
