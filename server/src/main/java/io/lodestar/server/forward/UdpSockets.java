package io.lodestar.server.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets one event loop sends forwarded queries from: several, each bound to its own kernel-chosen
 * (random) port, so that an off-path spoofer must guess the port as well as the ID (RFC 5452 9.2). Replies are
 * handed to the loop's {@link LoopForwarder} with the index of the socket they came in on.
 */
final class UdpSockets {
    private static final Logger log = LoggerFactory.getLogger(UdpSockets.class);
    /** An upstream reply may be as large as the client's EDNS size, up to 64 KiB. */
    private static final int MAX_REPLY = 65535;
    private static final int READS_PER_WAKEUP = 16;

    private final List<Channel> channels;

    private UdpSockets(List<Channel> channels) {
        this.channels = channels;
    }

    /**
     * Binds {@code count} sockets on the forwarder's loop: to the IPv6 wildcard when an upstream is IPv6 (dual
     * stack), else the IPv4 one. Blocks until bound: call it off the event loops. Closes what it opened on failure.
     */
    static UdpSockets bind(LoopForwarder forwarder, Class<? extends DatagramChannel> type, int count, boolean ipv6,
                           ByteBufAllocator alloc) {
        List<Channel> channels = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                int index = i;
                Bootstrap b = new Bootstrap()
                        .group(forwarder.loop())
                        .channel(type)
                        .option(ChannelOption.ALLOCATOR, alloc)
                        .option(ChannelOption.RECVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(MAX_REPLY).maxMessagesPerRead(READS_PER_WAKEUP))
                        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                                forwarder.onUdpReply(index, packet.sender(), packet.content());
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                // ICMP errors and the like: the attempt times out; the socket stays open.
                                forwarder.counters().errors.increment();
                                if (log.isDebugEnabled()) {
                                    log.debug("forward: upstream socket error (socket stays open)", cause);
                                }
                            }
                        });
                ChannelFuture f = b.bind(new InetSocketAddress(wildcard(ipv6), 0)).syncUninterruptibly();
                channels.add(f.channel());
            }
        } catch (RuntimeException e) {
            channels.forEach(Channel::close);
            throw e;
        }
        return new UdpSockets(List.copyOf(channels));
    }

    private static InetAddress wildcard(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    int size() {
        return channels.size();
    }

    Channel channel(int i) {
        return channels.get(i);
    }

    /** The local ports, for tests and the start-up log. */
    List<Integer> ports() {
        return channels.stream().map(c -> ((InetSocketAddress) c.localAddress()).getPort()).toList();
    }

    /** Closes every socket, waiting a moment at most. */
    void close() {
        List<ChannelFuture> closing = channels.stream().map(Channel::close).toList();
        closing.forEach(f -> f.awaitUninterruptibly(2000));
    }
}
