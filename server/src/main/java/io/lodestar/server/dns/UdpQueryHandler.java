package io.lodestar.server.dns;

import io.lodestar.server.forward.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
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
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private static final AttributeKey<ReplySink> FORWARDED_REPLIES = AttributeKey.valueOf("lodestarForwardedReplies");

    private final QueryAnswerer answerer;

    UdpQueryHandler(QueryAnswerer answerer) {
        this.answerer = answerer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            answerer.counters().errors.increment();
            return;
        }
        try {
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

    /** The sink of this channel's forwarded queries: one per channel (kept as an attribute; this handler is shared). */
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
