package io.lodestar.server.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
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
            ByteBuf response = answerer.answer(ctx.alloc(), packet.content(), false);
            if (response != null) {
                // A failed write releases the response and reaches exceptionCaught through the void promise.
                ctx.write(new DatagramPacket(response, packet.sender()), ctx.voidPromise());
            }
        } finally {
            packet.release();
        }
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
