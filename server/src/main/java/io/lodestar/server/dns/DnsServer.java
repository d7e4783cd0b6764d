package io.lodestar.server.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.server.OverflowLog;
import io.lodestar.server.forward.Forwarder;
import io.lodestar.server.metrics.QueryStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.EventExecutor;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS listeners on {@code listener:port}: UDP on every event loop (one {@code SO_REUSEPORT} socket each on
 * native epoll, one socket on NIO) and TCP, all answering through one {@link QueryProcessor}. Names outside our
 * zones go to the {@link Forwarder} (when {@code externalon}), which runs on the same event loops.
 *
 * <p>{@link #start()} binds (TCP first, so that a second Lodestar on the same port fails instead of sharing the
 * UDP port with it), {@link #close()} stops within a few seconds. Port 0 picks a free port, the same for both.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    /** Attempts at finding a port free for both UDP and TCP when the configured port is 0. */
    private static final int EPHEMERAL_ATTEMPTS = 10;
    private static final long QUIET_PERIOD_MS = 50;
    private static final long SHUTDOWN_TIMEOUT_MS = 2000;

    private final Config config;
    private final Transport transport;
    private final int threads;
    private final DnsCounters counters = new DnsCounters();
    private final Forwarder forwarder;
    private final QueryAnswerer answerer;
    private final TcpChannelInitializer tcpInitializer;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final OverflowLog rateLimited;

    private EventLoopGroup group;
    private Channel tcpChannel;
    private final List<Channel> udpChannels = new ArrayList<>();

    /** A server for {@code config}, using epoll when available and one event loop per CPU. */
    public DnsServer(Config config, QueryProcessor processor) {
        this(config, processor, NettyRuntime.availableProcessors(), true);
    }

    /** A server with {@code threads} event loops; {@code preferNative} false forces NIO (tests, diagnosis). */
    public DnsServer(Config config, QueryProcessor processor, int threads, boolean preferNative) {
        this(config, processor, threads, preferNative, new QueryStats());
    }

    /** A server recording every query (type, rcode, time) in {@code stats}, with one event loop per CPU. */
    public DnsServer(Config config, QueryProcessor processor, QueryStats stats) {
        this(config, processor, NettyRuntime.availableProcessors(), true, stats);
    }

    /** A server with {@code threads} event loops that records every query in {@code stats}. */
    public DnsServer(Config config, QueryProcessor processor, int threads, boolean preferNative, QueryStats stats) {
        this.config = config;
        this.transport = Transport.detect(preferNative);
        this.threads = Math.max(1, threads);
        this.forwarder = config.externalOn()
                ? new Forwarder(config, transport.datagramChannel(), transport.socketChannel()) : null;
        this.answerer = new QueryAnswerer(processor, counters, stats, config.udpMaxResponseSize(), forwarder);
        this.tcpInitializer = new TcpChannelInitializer(answerer, config.tcpMaxConnections(),
                config.tcpIdleTimeoutSeconds(), config.tcpMaxQueriesPerConnection());
        this.rateLimited = new OverflowLog(log, "dns: clients over rrlResponsesPerSecond ("
                + config.rrlResponsesPerSecond() + " per prefix); their responses are withheld"
                + (config.rrlSlip() > 0 ? ", one in " + config.rrlSlip() + " sent truncated" : "")
                + " (counted in lodestar_dns_rrl_dropped_total, lodestar_dns_rrl_slipped_total)");
    }

    /**
     * Binds UDP and TCP on {@code listener:port}. Throws a {@link BindException} naming the protocol and address
     * when a port cannot be bound; nothing is left open then.
     */
    public synchronized void start() throws BindException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        InetAddress host = listenerAddress();
        group = transport.newGroup(threads, "lodestar-dns");
        try {
            if (forwarder != null) {
                forwarder.start(group);
            }
            bind(host, config.port());
        } catch (BindException | RuntimeException e) {
            close();
            throw e;
        }
        if (transport == Transport.NIO) {
            log.info("dns: native epoll not used ({}); NIO serves UDP on one socket", Transport.epollUnavailableReason());
        }
        log.info("dns: listening on {} port {} udp ({} socket(s), {}) and tcp port {}", host.getHostAddress(),
                udpPort(), udpChannels.size(), transport.name().toLowerCase(Locale.ROOT), tcpPort());
    }

    private InetAddress listenerAddress() throws BindException {
        try {
            return InetAddress.getByName(config.listener());
        } catch (UnknownHostException e) {
            throw bindFailure("dns", config.listener() + ":" + config.port(), e);
        }
    }

    private void bind(InetAddress host, int port) throws BindException {
        if (port != 0) {
            bindTcp(host, port);
            bindUdp(host, port);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            int picked = bindTcp(host, 0);
            try {
                bindUdp(host, picked);
                return;
            } catch (BindException e) {
                closeChannels();
                if (attempt == EPHEMERAL_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private int bindTcp(InetAddress host, int port) throws BindException {
        ChannelFuture f = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childHandler(tcpInitializer)
                .bind(host, port)
                .awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw bindFailure("tcp", host.getHostAddress() + ":" + port, f.cause());
        }
        tcpChannel = f.channel();
        return ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    }

    private void bindUdp(InetAddress host, int port) throws BindException {
        int sockets = transport.reusePort() ? threads : 1;
        Iterator<EventExecutor> loops = group.iterator();
        for (int i = 0; i < sockets; i++) {
            // One handler per socket: each owns its rate limiter, used by that socket's event loop only.
            UdpQueryHandler handler = new UdpQueryHandler(answerer,
                    ResponseRateLimiter.forSocket(config, sockets, System.nanoTime()), rateLimited);
            Bootstrap bootstrap = new Bootstrap()
                    .group((EventLoop) loops.next())
                    .channel(transport.datagramChannel())
                    .option(ChannelOption.ALLOCATOR, allocator)
                    .handler(handler);
            transport.configureUdp(bootstrap);
            ChannelFuture f = bootstrap.bind(host, port).awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw bindFailure("udp", host.getHostAddress() + ":" + port, f.cause());
            }
            udpChannels.add(f.channel());
        }
    }

    private static BindException bindFailure(String protocol, String address, Throwable cause) {
        String reason = cause == null ? "unknown error" : cause.getMessage();
        BindException e = new BindException("cannot listen on " + protocol + " " + address + ": " + reason);
        e.initCause(cause);
        return e;
    }

    /** The bound UDP address (every UDP socket shares it), or null before {@link #start()}. */
    public synchronized InetSocketAddress udpAddress() {
        return udpChannels.isEmpty() ? null : (InetSocketAddress) udpChannels.get(0).localAddress();
    }

    /** The bound TCP address, or null before {@link #start()}. */
    public synchronized InetSocketAddress tcpAddress() {
        return tcpChannel == null ? null : (InetSocketAddress) tcpChannel.localAddress();
    }

    /** The bound UDP port (useful when the configured port was 0); -1 before {@link #start()}. */
    public int udpPort() {
        InetSocketAddress a = udpAddress();
        return a == null ? -1 : a.getPort();
    }

    /** The bound TCP port; -1 before {@link #start()}. */
    public int tcpPort() {
        InetSocketAddress a = tcpAddress();
        return a == null ? -1 : a.getPort();
    }

    /** How many UDP sockets serve the port: one per event loop on epoll, one on NIO. */
    public synchronized int udpSocketCount() {
        return udpChannels.size();
    }

    /** True when the native epoll transport is in use. */
    public boolean isNative() {
        return transport == Transport.EPOLL;
    }

    /** TCP connections open now. */
    public int openTcpConnections() {
        return tcpInitializer.openConnections();
    }

    public DnsCounters counters() {
        return counters;
    }

    /** The forwarder for names outside our zones, or null when {@code externalon} is false. */
    public Forwarder forwarder() {
        return forwarder;
    }

    /** The event loops (for tests that check what runs on them); null before {@link #start()}. */
    synchronized EventLoopGroup eventLoops() {
        return group;
    }

    /** Closes every socket and stops the event loops, waiting a few seconds at most. Idempotent. */
    @Override
    public synchronized void close() {
        closeChannels();
        if (forwarder != null) {
            forwarder.close();
        }
        if (group == null) {
            return;
        }
        boolean stopped = group.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1000);
        group = null;
        log.info("dns: stopped{}", stopped ? "" : " (event loops still finishing)");
    }

    private void closeChannels() {
        List<ChannelFuture> closing = new ArrayList<>();
        if (tcpChannel != null) {
            closing.add(tcpChannel.close());
            tcpChannel = null;
        }
        for (Channel c : udpChannels) {
            closing.add(c.close());
        }
        udpChannels.clear();
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
    }
}
