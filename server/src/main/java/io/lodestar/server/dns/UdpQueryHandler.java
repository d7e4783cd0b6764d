package io.lodestar.server.dns;

import io.lodestar.server.OverflowLog;
import io.lodestar.server.forward.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each datagram with one datagram to its sender. Writes are flushed once per read batch (one
 * {@code sendmmsg} on epoll), and no error ever closes the channel: it is the server's socket, not the client's.
 * With response rate limiting on, each socket has its own {@link ResponseRateLimiter} (its event loop owns it), and
 * a client over its rate gets nothing, or now and then a truncated response.
 */
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private static final AttributeKey<ReplySink> FORWARDED_REPLIES = AttributeKey.valueOf("lodestarForwardedReplies");

    private final QueryAnswerer answerer;
    private final ResponseRateLimiter limiter;
    private final OverflowLog limited;

    UdpQueryHandler(QueryAnswerer answerer) {
        this(answerer, null, null);
    }

    /** {@code limiter} null: no rate limiting; {@code limited} logs the streaks of withheld responses. */
    UdpQueryHandler(QueryAnswerer answerer, ResponseRateLimiter limiter, OverflowLog limited) {
        this.answerer = answerer;
        this.limiter = limiter;
        this.limited = limited;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            answerer.counters().errors.increment();
            return;
        }
        try {
            ResponseRateLimiter.Decision decision = limiter == null ? ResponseRateLimiter.Decision.SEND
                    : limiter.admit(packet.sender().getAddress(), System.nanoTime());
            if (decision != ResponseRateLimiter.Decision.SEND) {
                limitedResponse(ctx, packet, decision);
                return;
            }
            ByteBuf response = answerer.answer(ctx.alloc(), packet.content(), false, ctx.channel().eventLoop(),
                    packet.sender(), forwardedReplies(ctx));
            if (response != null && response != QueryAnswerer.FORWARDED) {
                // A failed write releases the response and reaches exceptionCaught through the void promise.
                ctx.write(new DatagramPacket(response, packet.sender()), ctx.voidPromise());
            }
        } finally {
            packet.release();
        }
    }

    /** A client over its rate: nothing, or (a slip) a truncated response that sends it to TCP. */
    private void limitedResponse(ChannelHandlerContext ctx, DatagramPacket packet, ResponseRateLimiter.Decision d) {
        if (limited != null) {
            limited.overflow();
        }
        if (d == ResponseRateLimiter.Decision.DROP) {
            answerer.withheld();
            return;
        }
        ByteBuf response = answerer.slip(ctx.alloc(), packet.content());
        if (response != null) {
            ctx.write(new DatagramPacket(response, packet.sender()), ctx.voidPromise());
        }
    }

    /** The sink of this channel's forwarded queries: one per channel, kept as an attribute. */
    private static ReplySink forwardedReplies(ChannelHandlerContext ctx) {
        Attribute<ReplySink> attribute = ctx.channel().attr(FORWARDED_REPLIES);
        ReplySink sink = attribute.get();
        if (sink == null) {
            sink = (response, client) -> ctx.writeAndFlush(new DatagramPacket(response, client), ctx.voidPromise());
            attribute.set(sink);
        }
        return sink;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        answerer.counters().errors.increment();
        if (log.isDebugEnabled()) {
            log.debug("dns: udp error on {} (channel stays open)", ctx.channel().localAddress(), cause);
        }
    }
}
