package io.lodestar.server.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport of this platform: native epoll on Linux when its library loads (several UDP sockets on
 * one port with {@code SO_REUSEPORT}, {@code recvmmsg} batches), else NIO (one UDP socket, several reads per
 * wake-up).
 */
enum Transport {
    EPOLL, NIO;

    /**
     * The largest query we read: RFC 1035 limits plain UDP to 512, and EDNS queries stay small; a larger datagram
     * is cut at this size and then fails to parse (FORMERR), as in Mesos-DNS (spec 8.1, with a 512 buffer).
     */
    static final int MAX_QUERY_SIZE = 2048;
    /** Datagrams received by one {@code recvmmsg} call. */
    static final int DATAGRAMS_PER_SYSCALL = 16;
    /** Datagrams read per wake-up before the loop serves its other channels (and flushes the answers). */
    static final int DATAGRAMS_PER_WAKEUP = 64;
    private static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

    /** Epoll when available, unless {@code preferNative} is false. */
    static Transport detect(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** Why epoll is not used here, for the start-up log. */
    static String epollUnavailableReason() {
        Throwable cause = Epoll.unavailabilityCause();
        return cause == null ? "disabled" : cause.toString();
    }

    EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), factory);
    }

    /** True when several UDP sockets may share the port, so each event loop reads its own socket. */
    boolean reusePort() {
        return this == EPOLL;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Client TCP connections (the forwarder's, to upstreams). */
    Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Sets the receive path options. On epoll a fixed buffer of {@link #DATAGRAMS_PER_SYSCALL} slots and
     * {@code MAX_DATAGRAM_PAYLOAD_SIZE} are what turn on {@code recvmmsg}: any other receive allocator silently
     * falls back to one {@code recvmsg} per datagram (check with {@code strace -c} after changing these).
     */
    void configureUdp(Bootstrap bootstrap) {
        int bufferSize = this == EPOLL ? MAX_QUERY_SIZE * DATAGRAMS_PER_SYSCALL : MAX_QUERY_SIZE;
        FixedRecvByteBufAllocator receive = new FixedRecvByteBufAllocator(bufferSize);
        // A datagram smaller than the buffer must not end the wake-up's reads (NIO asks "maybe more data?").
        receive.respectMaybeMoreData(false);
        receive.maxMessagesPerRead(DATAGRAMS_PER_WAKEUP);
        bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, receive)
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER);
        if (this == EPOLL) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_SIZE);
        }
    }
}
