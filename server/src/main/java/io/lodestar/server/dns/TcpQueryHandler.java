package io.lodestar.server.dns;

import io.lodestar.server.OverflowLog;
import io.lodestar.server.forward.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection (RFC 7766): splits the stream into length-prefixed messages (RFC 1035 4.2.2), answers them
 * in order, and stops reading while {@code maxPending} answers wait to reach the socket, so a client that sends
 * without reading cannot make the server buffer without bound. A zero length or a message that gets no answer
 * closes the connection; so do the idle timeout and the end of the client's input once every answer is out.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
    private static final Logger log = LoggerFactory.getLogger(TcpQueryHandler.class);
    private static final int LENGTH_PREFIX = 2;
    /** Compact the stream buffer once this many bytes of it were consumed, so it cannot keep growing. */
    private static final int DISCARD_THRESHOLD = 8192;

    private final QueryAnswerer answerer;
    private final int maxPending;
    private final OverflowLog pipelineFull;

    private ChannelHandlerContext ctx;
    /** The forwarder's responses to queries of this connection; each write completes a pending slot. */
    private final ReplySink forwardedReplies = (response, client) -> ctx.writeAndFlush(response).addListener(this);
    private ByteBuf cumulation;
    /** Answers written but not yet handed to the socket. */
    private int pending;
    private boolean draining;
    private boolean drainAgain;
    private boolean inputClosed;
    private boolean closing;

    TcpQueryHandler(QueryAnswerer answerer, int maxPending) {
        this(answerer, maxPending, null);
    }

    /** {@code pipelineFull} (may be null) logs the streaks of connections that reach {@code maxPending}. */
    TcpQueryHandler(QueryAnswerer answerer, int maxPending, OverflowLog pipelineFull) {
        this.answerer = answerer;
        this.maxPending = Math.max(1, maxPending);
        this.pipelineFull = pipelineFull;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        releaseCumulation();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing || inputClosed) {
            data.release();
            return;
        }
        cumulation = cumulation == null ? data
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, data);
        drain();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            answerer.counters().tcpIdleClosed.increment();
            close();
        } else if (evt instanceof ChannelInputShutdownEvent) {
            // RFC 7766 6.2.4: the client is done sending; answer what is complete, then close.
            inputClosed = true;
            closeIfDone();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        answerer.counters().errors.increment();
        if (log.isDebugEnabled()) {
            log.debug("dns: tcp error from {}, closing the connection", ctx.channel().remoteAddress(), cause);
        }
        close();
    }

    /** A response reached the socket (or failed to). */
    @Override
    public void operationComplete(ChannelFuture future) {
        pending--;
        if (!future.isSuccess()) {
            if (!closing) {
                // Answers still queued when we close fail too; only a failure on an open connection is an error.
                answerer.counters().errors.increment();
            }
            close();
            return;
        }
        if (pending == maxPending - 1 || inputClosed) {
            drain();
        }
    }

    /** Answers every complete message while fewer than {@code maxPending} answers wait; re-entrant safe. */
    private void drain() {
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        try {
            do {
                drainAgain = false;
                answerWholeMessages();
            } while (drainAgain && !closing);
        } finally {
            draining = false;
        }
        if (closing) {
            return;
        }
        closeIfDone();
        boolean wantRead = !inputClosed && pending < maxPending;
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != wantRead) {
            config.setAutoRead(wantRead);
            if (!wantRead && !inputClosed) {
                answerer.counters().tcpPipelineFull.increment();
                if (pipelineFull != null) {
                    pipelineFull.overflow();
                }
            }
        }
    }

    private void answerWholeMessages() {
        boolean wrote = false;
        try {
            while (!closing && pending < maxPending && hasCompleteMessage()) {
                int length = cumulation.readUnsignedShort();
                if (length == 0) {
                    // No DNS message is empty: the stream is not DNS, or lost its framing.
                    badFrame();
                    break;
                }
                ByteBuf query = cumulation.readSlice(length);
                ByteBuf response = answerer.answer(ctx.alloc(), query, true, ctx.channel().eventLoop(),
                        ctx.channel().remoteAddress() instanceof InetSocketAddress client ? client : null,
                        forwardedReplies);
                if (response == QueryAnswerer.FORWARDED) {
                    // A pending slot until the forwarder's response is written (RFC 7766 6.2.1.1: any order).
                    pending++;
                    continue;
                }
                if (response == null) {
                    // Nothing to answer (too short to carry an ID, or not a query): RFC 7766 lets us close.
                    badFrame();
                    break;
                }
                pending++;
                ctx.write(response).addListener(this);
                wrote = true;
            }
        } finally {
            compactCumulation();
            if (wrote) {
                ctx.flush();
            }
            if (closing) {
                close();
            }
        }
    }

    /** True when the stream holds a length prefix and the whole message it announces. */
    private boolean hasCompleteMessage() {
        if (cumulation == null || cumulation.readableBytes() < LENGTH_PREFIX) {
            return false;
        }
        return cumulation.readableBytes() >= LENGTH_PREFIX + cumulation.getUnsignedShort(cumulation.readerIndex());
    }

    private void badFrame() {
        answerer.counters().tcpBadFrames.increment();
        closing = true;
    }

    private void closeIfDone() {
        if (!closing && inputClosed && pending == 0 && !hasCompleteMessage()) {
            close();
        }
    }

    private void close() {
        closing = true;
        releaseCumulation();
        if (ctx.channel().isOpen()) {
            ctx.close();
        }
    }

    private void compactCumulation() {
        if (cumulation == null) {
            return;
        }
        if (!cumulation.isReadable()) {
            releaseCumulation();
        } else if (cumulation.readerIndex() >= DISCARD_THRESHOLD) {
            cumulation.discardSomeReadBytes();
        }
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
