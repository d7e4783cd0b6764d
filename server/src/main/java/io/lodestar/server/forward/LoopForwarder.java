package io.lodestar.server.forward;

import io.lodestar.forward.ErrorReply;
import io.lodestar.forward.Relay;
import io.lodestar.forward.ReplyCache;
import io.lodestar.forward.ReplyCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.collection.LongObjectHashMap;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The forwarder's work on one event loop: its table of queries waiting for UDP replies, keyed by (socket,
 * upstream, ID) and checked against the question; the attempts, one upstream after the other, each with its
 * timer; the TCP retry of truncated replies; the relay of the reply to the client. Every method runs on the loop,
 * so nothing here is locked; only {@link Upstream} health, the counters and the cache are shared.
 */
final class LoopForwarder {
    private static final int MAX_ID_TRIES = 16;
    private static final int RCODE_FORMERR = 1;
    private static final int RCODE_SERVFAIL = 2;
    private static final int RCODE_NOTIMP = 4;
    private static final int RCODE_REFUSED = 5;
    private static final int FLAG_TC = 0x0200;
    private static final int TCP_PREFIX = 2;

    private final EventLoop loop;
    private final ForwarderSettings settings;
    private final ForwarderCounters counters;
    private final Upstreams upstreams;
    private final Random random;
    private final ReplyCache cache;
    private final ByteBufAllocator alloc;
    private final LongObjectHashMap<Exchange> pending = new LongObjectHashMap<>();
    /** Every exchange not yet finished, so that shutdown can release them all. */
    private final Set<Exchange> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private UdpSockets sockets;
    private Bootstrap tcp;

    LoopForwarder(EventLoop loop, ForwarderSettings settings, ForwarderCounters counters, Upstreams upstreams,
                  Random random, ReplyCache cache, ByteBufAllocator alloc) {
        this.loop = loop;
        this.settings = settings;
        this.counters = counters;
        this.upstreams = upstreams;
        this.random = random;
        this.cache = cache;
        this.alloc = alloc;
    }

    /** Wires the loop's upstream sockets and TCP bootstrap; before the first query. */
    void connect(UdpSockets udpSockets, Bootstrap tcpBootstrap) {
        this.sockets = udpSockets;
        this.tcp = tcpBootstrap;
    }

    EventLoop loop() {
        return loop;
    }

    ForwarderCounters counters() {
        return counters;
    }

    /** Queries and probes waiting for a UDP reply on this loop (one entry per attempt still welcome). */
    int pendingEntries() {
        return pending.size();
    }

    /** Takes over {@code x}: the cache, the in-flight cap, probes of failing upstreams, then the first attempt. */
    void start(Exchange x) {
        active.add(x);
        if (!x.admitted) {
            giveUp(x);
            return;
        }
        if (x.cacheKey != null && answerFromCache(x)) {
            return;
        }
        x.order = order(x, upstreams.select(x.lowerName, x.nameLength));
        next(x);
    }

    private boolean answerFromCache(Exchange x) {
        ByteBuf cached = alloc.heapBuffer();
        try {
            if (!cache.write(x.cacheKey, x.clientId, System.nanoTime(), cached)) {
                counters.cacheMisses.increment();
                return false;
            }
            counters.cacheHits.increment();
            return respond(x, cached, false);
        } finally {
            cached.release();
        }
    }

    /**
     * The group with failing upstreams moved after the healthy ones (configured order kept within each part). A
     * failing upstream whose probe is due gets a copy of the query, when a healthy upstream takes the query itself.
     */
    private Upstream[] order(Exchange x, Upstream[] group) {
        int failing = 0;
        for (Upstream u : group) {
            failing += u.failing() ? 1 : 0;
        }
        if (failing == 0 || failing == group.length) {
            return group;
        }
        Upstream[] order = new Upstream[group.length];
        int healthy = 0;
        int last = group.length - failing;
        long now = System.nanoTime();
        for (Upstream u : group) {
            if (!u.failing()) {
                order[healthy++] = u;
                continue;
            }
            order[last++] = u;
            if (u.claimProbe(now)) {
                counters.probes.increment();
                Exchange probe = x.probe(x.query.copy(), u);
                active.add(probe);
                next(probe);
            }
        }
        return order;
    }

    /** Tries the next upstream, or gives up when none is left. */
    private void next(Exchange x) {
        cancelTimer(x);
        closeTcp(x);
        if (x.next >= x.order.length) {
            giveUp(x);
            return;
        }
        Upstream u = x.order[x.next++];
        beginAttempt(x, u);
        if (x.tcp) {
            connectTcp(x, u);
        } else {
            sendUdp(x, u);
        }
    }

    private void beginAttempt(Exchange x, Upstream u) {
        int attempt = ++x.attempt;
        x.current = u;
        x.currentKey = -1;
        x.timer = loop.schedule(() -> timedOut(x, attempt), settings.timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendUdp(Exchange x, Upstream u) {
        int socket = random.nextInt(sockets.size());
        int id = 0;
        long key = -1;
        for (int i = 0; i < MAX_ID_TRIES && key < 0; i++) {
            id = random.nextInt(0x10000);
            long candidate = key(socket, u.index(), id);
            key = pending.containsKey(candidate) ? -1 : candidate;
        }
        if (key < 0) {
            // 16 random IDs all taken on this socket for this upstream: tens of thousands in flight to it.
            failed(x, x.attempt, "no free query ID");
            return;
        }
        pending.put(key, x);
        x.addKey(key);
        x.currentKey = key;
        int attempt = x.attempt;
        ByteBuf packet = withId(x.query, 0, id);
        sockets.channel(socket).writeAndFlush(new DatagramPacket(packet, u.address())).addListener(f -> {
            if (!f.isSuccess()) {
                failed(x, attempt, "send failed: " + f.cause());
            }
        });
    }

    private static long key(int socket, int upstream, int id) {
        return ((long) socket << 40) | ((long) upstream << 16) | id;
    }

    /** A copy of the query with {@code id}, after {@code prefix} bytes of room (2 for a TCP length). */
    private ByteBuf withId(ByteBuf query, int prefix, int id) {
        int length = query.readableBytes();
        ByteBuf out = alloc.ioBuffer(prefix + length);
        if (prefix > 0) {
            out.writeShort(length);
        }
        out.writeBytes(query, query.readerIndex(), length);
        out.setShort(prefix, id);
        return out;
    }

    private void connectTcp(Exchange x, Upstream u) {
        int attempt = x.attempt;
        int id = random.nextInt(0x10000);
        ByteBuf framed = withId(x.query, TCP_PREFIX, id);
        ChannelFuture f = tcp.clone().handler(new UpstreamTcpHandler(this, x, attempt, id, framed)).connect(u.address());
        x.tcpChannel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                failed(x, attempt, "tcp connect failed: " + done.cause());
            }
        });
    }

    /** A datagram on upstream socket {@code socket}: the reply to a pending query, or dropped and counted. */
    void onUdpReply(int socket, InetSocketAddress sender, ByteBuf reply) {
        Upstream u = upstreams.find(sender);
        if (u == null || reply.readableBytes() < 12) {
            counters.unmatchedReplies.increment();
            return;
        }
        long key = key(socket, u.index(), reply.getUnsignedShort(reply.readerIndex()));
        Exchange x = pending.get(key);
        if (x == null || !ReplyCheck.answers(reply, x.lowerName, x.nameLength, x.qtype, x.qclass)) {
            counters.unmatchedReplies.increment();
            return;
        }
        pending.remove(key);
        boolean current = key == x.currentKey;
        if (current) {
            u.answered();
        } else {
            counters.lateReplies.increment();
        }
        onReply(x, reply, current, true);
    }

    /** The reply on a TCP connection of attempt {@code attempt} (its ID already checked). */
    void onTcpReply(Exchange x, int attempt, ByteBuf reply) {
        if (x.done || attempt != x.attempt) {
            return;
        }
        if (!ReplyCheck.answers(reply, x.lowerName, x.nameLength, x.qtype, x.qclass)) {
            failed(x, attempt, "tcp reply to another question");
            return;
        }
        if (!x.retryingOverTcp) {
            x.current.answered();
        }
        onReply(x, reply, true, false);
    }

    private void onReply(Exchange x, ByteBuf reply, boolean current, boolean viaUdp) {
        if (x.isProbe()) {
            finish(x);
            return;
        }
        int flags = reply.getUnsignedShort(reply.readerIndex() + 2);
        if (isError(flags & 0xF)) {
            counters.attemptErrorRcodes.increment();
            keepError(x, reply);
            if (!current) {
                return;
            }
            if (x.retryingOverTcp) {
                relayTruncated(x);
            } else {
                next(x);
            }
            return;
        }
        if (viaUdp && current && !x.tcp && (flags & FLAG_TC) != 0 && reply.readableBytes() < x.limit) {
            retryOverTcp(x, reply);
            return;
        }
        if (!respond(x, reply, true) && current) {
            failed(x, x.attempt, "unreadable reply");
        }
    }

    private static boolean isError(int rcode) {
        return rcode == RCODE_SERVFAIL || rcode == RCODE_REFUSED || rcode == RCODE_NOTIMP || rcode == RCODE_FORMERR;
    }

    private void keepError(Exchange x, ByteBuf reply) {
        if (x.errorReply != null) {
            x.errorReply.release();
        }
        x.errorReply = reply.copy();
    }

    /** RFC 7766 / RFC 1035 4.2.1: the answer did not fit the UDP reply; ask the same upstream over TCP. */
    private void retryOverTcp(Exchange x, ByteBuf reply) {
        counters.tcpRetries.increment();
        cancelTimer(x);
        x.truncatedReply = reply.copy();
        x.retryingOverTcp = true;
        beginAttempt(x, x.current);
        connectTcp(x, x.current);
    }

    private void relayTruncated(Exchange x) {
        ByteBuf kept = x.truncatedReply;
        x.truncatedReply = null;
        try {
            respond(x, kept, true);
        } finally {
            kept.release();
        }
    }

    void timedOut(Exchange x, int attempt) {
        if (x.done || attempt != x.attempt) {
            return;
        }
        x.timer = null;
        counters.attemptTimeouts.increment();
        endFailedAttempt(x, "no reply in " + TimeUnit.NANOSECONDS.toMillis(settings.timeoutNanos()) + " ms");
    }

    /** Attempt {@code attempt} failed at once (send, connect, closed connection, unusable reply). */
    void failed(Exchange x, int attempt, String reason) {
        if (x.done || attempt != x.attempt) {
            return;
        }
        counters.attemptErrors.increment();
        endFailedAttempt(x, reason);
    }

    private void endFailedAttempt(Exchange x, String reason) {
        if (x.retryingOverTcp) {
            // The upstream answered over UDP; the truncated answer still beats none.
            cancelTimer(x);
            closeTcp(x);
            relayTruncated(x);
            return;
        }
        x.current.failed(System.nanoTime(), reason, x.isProbe());
        if (x.isProbe()) {
            finish(x);
            return;
        }
        next(x);
    }

    /** Every upstream failed: relay the last error reply if one came, else SERVFAIL. */
    private void giveUp(Exchange x) {
        if (x.isProbe()) {
            finish(x);
            return;
        }
        if (x.admitted) {
            counters.failed.increment();
        } else {
            counters.capRejected.increment();
        }
        if (x.errorReply != null) {
            ByteBuf error = x.errorReply;
            x.errorReply = null;
            try {
                if (respond(x, error, false)) {
                    return;
                }
            } finally {
                error.release();
            }
        }
        ByteBuf out = alloc.ioBuffer(TCP_PREFIX + 12 + x.questionLength() + 11);
        if (x.tcp) {
            out.writeShort(0);
        }
        ErrorReply.write(x.query, x.questionLength(), RCODE_SERVFAIL, true,
                x.edns ? settings.udpMaxResponseSize() : 0, x.dnssecOk, out);
        send(x, out);
    }

    /**
     * Relays {@code reply} to the client within its limit and ends the exchange; false (nothing sent, exchange still
     * open) when the reply is too large and cannot be read.
     */
    private boolean respond(Exchange x, ByteBuf reply, boolean cacheIt) {
        ByteBuf out = alloc.ioBuffer(Math.min(x.limit, reply.readableBytes()) + TCP_PREFIX);
        if (x.tcp) {
            out.writeShort(0);
        }
        Relay.Result result = Relay.write(reply, x.clientId, x.limit, settings.setTruncateBit(), out);
        if (result == Relay.Result.MALFORMED) {
            out.release();
            return false;
        }
        if (result == Relay.Result.TRUNCATED) {
            counters.relayedTruncated.increment();
        }
        if (cacheIt && cache != null && x.cacheKey != null) {
            cache.put(x.cacheKey, reply, System.nanoTime());
        }
        counters.relayed.increment();
        send(x, out);
        return true;
    }

    private void send(Exchange x, ByteBuf out) {
        if (x.tcp) {
            out.setShort(out.readerIndex(), out.readableBytes() - TCP_PREFIX);
        }
        ReplySink sink = x.sink;
        finish(x);
        sink.send(out, x.client);
    }

    /** Ends {@code x}: timer, pending keys, TCP connection and buffers, in-flight count. Idempotent. */
    void finish(Exchange x) {
        if (x.done) {
            return;
        }
        x.done = true;
        active.remove(x);
        cancelTimer(x);
        closeTcp(x);
        for (int i = 0; i < x.keyCount; i++) {
            if (pending.get(x.keys[i]) == x) {
                pending.remove(x.keys[i]);
            }
        }
        x.query.release();
        if (x.truncatedReply != null) {
            x.truncatedReply.release();
            x.truncatedReply = null;
        }
        if (x.errorReply != null) {
            x.errorReply.release();
            x.errorReply = null;
        }
        if (x.admitted && !x.isProbe()) {
            counters.inFlight.decrementAndGet();
        }
    }

    private static void cancelTimer(Exchange x) {
        if (x.timer != null) {
            x.timer.cancel(false);
            x.timer = null;
        }
    }

    private static void closeTcp(Exchange x) {
        if (x.tcpChannel != null) {
            x.tcpChannel.close();
            x.tcpChannel = null;
        }
    }

    /** Exchanges not yet finished on this loop (probes included). */
    int activeExchanges() {
        return active.size();
    }

    /** Drops every exchange still open (their clients get nothing): at shutdown, on the loop. */
    void abandonAll() {
        for (Exchange x : active.toArray(new Exchange[0])) {
            finish(x);
        }
    }
}
