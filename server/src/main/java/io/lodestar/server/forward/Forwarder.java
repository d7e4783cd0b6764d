package io.lodestar.server.forward;

import io.lodestar.config.Config;
import io.lodestar.dns.Query;
import io.lodestar.forward.AddressFilter;
import io.lodestar.forward.ReplyCache;
import io.lodestar.server.OverflowLog;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers queries for names outside our zones by relaying them to upstream resolvers (spec section 9, issue 5):
 * the longest matching {@code zoneResolvers} zone, else {@code resolvers}; healthy upstreams first, each attempt
 * limited by {@code forwardTimeout}; SERVFAIL when every upstream failed. Runs on the DNS server's event loops,
 * one {@link LoopForwarder} per loop, so a query never changes thread and nothing blocks.
 *
 * <p>Life cycle: {@link #start} once the server's event loops exist, {@link #forward} from the server's handlers,
 * {@link #close} before the loops shut down.
 */
public final class Forwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    /** UDP sockets per event loop, each on its own random port. */
    static final int SOCKETS_PER_LOOP = 8;
    /** A query with one question and an OPT is far smaller; a larger one is not forwarded (bounded memory). */
    static final int MAX_QUERY_LENGTH = 4096;
    static final int CACHE_MAX_TTL = 86_400;
    static final int CACHE_MAX_NEGATIVE_TTL = 3_600;
    private static final int TYPE_IXFR = 251;
    private static final int TYPE_AXFR = 252;
    private static final int MIN_UDP = 512;
    private static final int MAX_TCP = 65535;

    private final ForwarderSettings settings;
    private final Upstreams upstreams;
    private final AddressFilter allowed;
    private final int maxInFlight;
    private final OverflowLog capReached;
    private final int cacheEntries;
    /** Null when the cache is off; shared by every loop, since a client's next query may land on another loop. */
    private final ReplyCache cache;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ForwarderCounters counters = new ForwarderCounters();
    private final List<UdpSockets> sockets = new ArrayList<>();

    private volatile Map<EventExecutor, LoopForwarder> loops = Map.of();
    private volatile boolean closed;

    /**
     * A forwarder for {@code config}, sending from sockets of the given channel types (those of the server's event
     * loops: epoll or NIO).
     */
    public Forwarder(Config config, Class<? extends DatagramChannel> datagramChannel,
                     Class<? extends SocketChannel> socketChannel) {
        this.settings = ForwarderSettings.of(config);
        this.upstreams = Upstreams.from(config);
        this.allowed = AddressFilter.parse(config.allowRecursion());
        this.maxInFlight = config.forwardMaxInFlight();
        this.capReached = new OverflowLog(log, "forward: forwardMaxInFlight (" + maxInFlight + ") queries are"
                + " waiting for upstreams; more get SERVFAIL at once (counted in lodestar_forward_rejected_total)");
        this.cacheEntries = config.forwardCacheEntries();
        this.cache = cacheEntries == 0 ? null : new ReplyCache(cacheEntries, CACHE_MAX_TTL, CACHE_MAX_NEGATIVE_TTL);
        this.datagramChannel = datagramChannel;
        this.socketChannel = socketChannel;
    }

    /**
     * Binds the upstream sockets on every loop of {@code group} (the DNS server's). Blocks until bound: call it
     * off the event loops. Does nothing without upstreams ({@code externalon} false, or no resolver at all).
     */
    public synchronized void start(EventLoopGroup group) {
        if (!loops.isEmpty() || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        List<Upstream> all = upstreams.all();
        if (all.isEmpty()) {
            log.info("forward: off (externalon is false or no upstream resolver): names outside the domain are"
                    + " refused");
            return;
        }
        Map<EventExecutor, LoopForwarder> byLoop = new IdentityHashMap<>();
        try {
            for (EventExecutor executor : group) {
                byLoop.put(executor, startLoop((EventLoop) executor));
            }
        } catch (RuntimeException e) {
            closeSockets();
            throw e;
        }
        loops = byLoop;
        log.info("forward: {} upstream(s) {}, {} udp socket(s) per event loop, {} ms per attempt, at most {} in flight,"
                + " cache {}", all.size(), all.stream().map(u -> u.address().toString()).toList(), SOCKETS_PER_LOOP,
                TimeUnit.NANOSECONDS.toMillis(settings.timeoutNanos()), maxInFlight,
                cacheEntries > 0 ? cacheEntries + " entries" : "off");
        if (allowed.allowsEverything()) {
            log.info("forward: every client may use forwarding; set allowRecursion to your networks"
                    + " (docs/forwarding.md)");
        }
    }

    private LoopForwarder startLoop(EventLoop loop) {
        LoopForwarder forwarder = new LoopForwarder(loop, settings, counters, upstreams, newRandom(),
                new Responses(settings, counters, cache, alloc), alloc);
        UdpSockets udp = UdpSockets.bind(forwarder, datagramChannel, SOCKETS_PER_LOOP, upstreams.anyIpv6(), alloc);
        sockets.add(udp);
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(settings.timeoutNanos()));
        Bootstrap tcp = new Bootstrap()
                .group(loop)
                .channel(socketChannel)
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        forwarder.connect(udp, tcp);
        return forwarder;
    }

    /** A per-loop generator for query IDs and socket choice, seeded here so that no loop ever waits for entropy. */
    private static SecureRandom newRandom() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextInt();
        return random;
    }

    /**
     * Takes over the query {@code q} (read from the readable bytes of {@code query}, which are copied, not kept)
     * from {@code client}, received on {@code loop} over TCP or UDP. Returns false when it is not forwarded: the
     * caller then sends the REFUSED response it has (forwarding off, client not in {@code allowRecursion}, no
     * upstream for the name, a zone transfer, an oversized query). Returns true when {@code sink} will get the
     * response later, on {@code loop}: the relayed reply, or SERVFAIL.
     */
    public boolean forward(EventLoop loop, InetSocketAddress client, Query q, ByteBuf query, boolean tcp,
                           ReplySink sink) {
        LoopForwarder forwarder = loops.get(loop);
        if (forwarder == null || closed) {
            return false;
        }
        if (q.qtype() == TYPE_AXFR || q.qtype() == TYPE_IXFR || query.readableBytes() > MAX_QUERY_LENGTH
                || !allowed.allows(client.getAddress()) || upstreams.select(q.lowercaseName(), q.nameLength()).length == 0) {
            counters.refused.increment();
            return false;
        }
        counters.forwarded.increment();
        boolean admitted = counters.inFlight.incrementAndGet() <= maxInFlight;
        if (!admitted) {
            counters.inFlight.decrementAndGet();
            capReached.overflow();
        }
        ReplyCache.Key cacheKey = cache == null ? null : ReplyCache.key(q.lowercaseName(), q.nameLength(),
                q.qtype(), q.qclass(), q.edns(), q.dnssecOk(), q.checkingDisabled());
        ByteBuf copy = alloc.buffer(query.readableBytes()).writeBytes(query, query.readerIndex(),
                query.readableBytes());
        Exchange x = new Exchange(copy, q, tcp, limit(q, tcp), client, sink, cacheKey, admitted);
        try {
            // Always later, never inside the caller's read: the sink may not be ready for a reply yet.
            loop.execute(() -> forwarder.start(x));
        } catch (RejectedExecutionException e) {
            copy.release();
            if (admitted) {
                counters.inFlight.decrementAndGet();
            }
            return false;
        }
        return true;
    }

    /** RFC 6891 6.2.5: the client's EDNS size within our limit, and never below 512; 65535 over TCP. */
    private int limit(Query q, boolean tcp) {
        if (tcp) {
            return MAX_TCP;
        }
        return q.edns() ? Math.max(MIN_UDP, Math.min(q.ednsUdpSize(), settings.udpMaxResponseSize())) : MIN_UDP;
    }

    public ForwarderCounters counters() {
        return counters;
    }

    /** Every upstream with its health, in configuration order. */
    public List<Upstream> upstreams() {
        return upstreams.all();
    }

    /** The local ports of the upstream sockets of every loop (empty before {@link #start}). */
    synchronized List<Integer> socketPorts() {
        return sockets.stream().flatMap(s -> s.ports().stream()).toList();
    }

    /** Exchanges open on every loop, counted on the loops themselves (tests; blocks briefly). */
    int openExchanges() {
        int open = 0;
        for (LoopForwarder f : loops.values()) {
            open += f.loop().submit(f::activeExchanges).syncUninterruptibly().getNow();
        }
        return open;
    }

    /** UDP pending-table entries on every loop (tests; blocks briefly). */
    int pendingEntries() {
        int entries = 0;
        for (LoopForwarder f : loops.values()) {
            entries += f.loop().submit(f::pendingEntries).syncUninterruptibly().getNow();
        }
        return entries;
    }

    /**
     * Drops the queries in flight (their clients get no reply) and closes the upstream sockets. Call it before the
     * event loops shut down; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LoopForwarder f : loops.values()) {
            try {
                f.loop().submit(f::abandonAll).awaitUninterruptibly(2000);
            } catch (RejectedExecutionException e) {
                // The loop is already gone, and its buffers with it.
            }
        }
        closeSockets();
    }

    private void closeSockets() {
        sockets.forEach(UdpSockets::close);
        sockets.clear();
    }
}
