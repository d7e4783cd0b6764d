package io.lodestar.server.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * One TCP connection to an upstream for one attempt (RFC 7766): sends the length-prefixed query when connected,
 * takes the first reply with our ID, and closes. Anything else (a closed connection, another ID, an error) fails
 * the attempt; the attempt's timer covers connect, write and read together.
 */
final class UpstreamTcpHandler extends ChannelInboundHandlerAdapter {
    private static final int MAX_MESSAGE = 65535;
    private static final int PREFIX = 2;

    private final LoopForwarder forwarder;
    private final Exchange exchange;
    private final int attempt;
    private final int id;
    private ByteBuf framedQuery;
    private boolean replied;

    UpstreamTcpHandler(LoopForwarder forwarder, Exchange exchange, int attempt, int id, ByteBuf framedQuery) {
        this.forwarder = forwarder;
        this.exchange = exchange;
        this.attempt = attempt;
        this.id = id;
        this.framedQuery = framedQuery;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), null,
                new LengthFieldBasedFrameDecoder(MAX_MESSAGE + PREFIX, 0, PREFIX, 0, PREFIX));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQuery();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf query = framedQuery;
        framedQuery = null;
        ctx.writeAndFlush(query).addListener(f -> {
            if (!f.isSuccess()) {
                forwarder.failed(exchange, attempt, "tcp write failed: " + f.cause());
                ctx.close();
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (replied || !(msg instanceof ByteBuf reply)) {
                return;
            }
            replied = true;
            if (reply.readableBytes() < 12 || reply.getUnsignedShort(reply.readerIndex()) != id) {
                forwarder.failed(exchange, attempt, "tcp reply with another ID");
            } else {
                forwarder.onTcpReply(exchange, attempt, reply);
            }
        } finally {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQuery();
        if (!replied) {
            forwarder.failed(exchange, attempt, "tcp connection closed without a reply");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A frame over 64 KiB or a socket error: the attempt fails when the connection is closed.
        ctx.close();
    }

    private void releaseQuery() {
        if (framedQuery != null) {
            framedQuery.release();
            framedQuery = null;
        }
    }
}
