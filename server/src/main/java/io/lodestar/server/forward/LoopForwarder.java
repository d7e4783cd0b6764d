package io.lodestar.server.forward;

import io.lodestar.forward.ReplyCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The forwarder's work on one event loop: the attempts of each query, one upstream after the other, each with its
 * timer; UDP replies matched through the {@link PendingTable} and checked against the question; the TCP retry of
 * truncated replies; the response to the client ({@link Responses}). Every method runs on the loop, so nothing
 * here is locked; only {@link Upstream} health, the counters and the cache are shared.
 */
final class LoopForwarder {
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
    private final Responses responses;
    private final ByteBufAllocator alloc;
    private final PendingTable pending;
    /** Every exchange not yet finished, so that shutdown can release them all. */
    private final Set<Exchange> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private UdpSockets sockets;
    private Bootstrap tcp;
    private boolean closed;

    LoopForwarder(EventLoop loop, ForwarderSettings settings, ForwarderCounters counters, Upstreams upstreams,
                  Random random, Responses responses, ByteBufAllocator alloc) {
        this.loop = loop;
        this.settings = settings;
        this.counters = counters;
        this.upstreams = upstreams;
        this.random = random;
        this.responses = responses;
        this.alloc = alloc;
        this.pending = new PendingTable(random);
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

    /** UDP attempts waiting for a reply on this loop (earlier attempts of open queries included). */
    int pendingEntries() {
        return pending.size();
    }

    /** Exchanges not yet finished on this loop (probes included). */
    int activeExchanges() {
        return active.size();
    }

    /** Takes over {@code x}: the in-flight cap, the cache, probes of failing upstreams, then the first attempt. */
    void start(Exchange x) {
        if (closed) {
            // Taken over just as the forwarder closed: drop it, as the ones in flight were.
            x.query.release();
            if (x.admitted) {
                counters.inFlight.decrementAndGet();
            }
            return;
        }
        active.add(x);
        if (!x.admitted) {
            giveUp(x);
            return;
        }
        ByteBuf cached = responses.fromCache(x);
        if (cached != null) {
            deliver(x, cached);
            return;
        }
        x.order = order(x, upstreams.select(x.lowerName, x.nameLength));
        next(x);
    }

    /**
     * The group with failing upstreams moved after the healthy ones (configured order kept within each part). A
     * failing upstream whose probe is due gets a copy of the query, while a healthy upstream takes the query itself.
     */
    private Upstream[] order(Exchange x, Upstream[] group) {
        // Read each shared flag once: another loop may change it meanwhile.
        boolean[] failing = new boolean[group.length];
        int failingCount = 0;
        for (int i = 0; i < group.length; i++) {
            failing[i] = group[i].failing();
            failingCount += failing[i] ? 1 : 0;
        }
        if (failingCount == 0 || failingCount == group.length) {
            return group;
        }
        Upstream[] order = new Upstream[group.length];
        int healthy = 0;
        int last = group.length - failingCount;
        long now = System.nanoTime();
        for (int i = 0; i < group.length; i++) {
            Upstream u = group[i];
            if (!failing[i]) {
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
        x.attemptStart = System.nanoTime();
        x.timer = loop.schedule(() -> timedOut(x, attempt), settings.timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendUdp(Exchange x, Upstream u) {
        int socket = random.nextInt(sockets.size());
        long key = pending.register(x, socket, u);
        if (key < 0) {
            failed(x, x.attempt, "no free query ID");
            return;
        }
        x.currentKey = key;
        int attempt = x.attempt;
        ByteBuf packet = withId(x.query, 0, (int) (key & 0xFFFF));
        sockets.channel(socket).writeAndFlush(new DatagramPacket(packet, u.address())).addListener(f -> {
            if (!f.isSuccess()) {
                failed(x, attempt, "send failed: " + f.cause());
            }
        });
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

    /** A datagram on upstream socket {@code socket}: the reply to a pending attempt, or dropped and counted. */
    void onUdpReply(int socket, InetSocketAddress sender, ByteBuf reply) {
        Upstream u = upstreams.find(sender);
        if (u == null || reply.readableBytes() < 12) {
            counters.unmatchedReplies.increment();
            return;
        }
        long key = PendingTable.key(socket, u, reply.getUnsignedShort(reply.readerIndex()));
        Exchange x = pending.get(key);
        if (x == null || !ReplyCheck.answers(reply, x.lowerName, x.nameLength, x.qtype, x.qclass)) {
            counters.unmatchedReplies.increment();
            return;
        }
        pending.remove(key);
        boolean current = key == x.currentKey;
        if (current) {
            u.answered(System.nanoTime() - x.attemptStart);
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
            x.current.answered(System.nanoTime() - x.attemptStart);
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
        ByteBuf response = responses.relay(x, reply, true);
        if (response != null) {
            deliver(x, response);
        } else if (current) {
            failed(x, x.attempt, "unreadable reply");
        }
    }

    private static boolean isError(int rcode) {
        return rcode == RCODE_SERVFAIL || rcode == RCODE_REFUSED || rcode == RCODE_NOTIMP || rcode == RCODE_FORMERR;
    }

    private static void keepError(Exchange x, ByteBuf reply) {
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

    /** The TCP retry failed: the truncated UDP reply (with TC) still beats none. */
    private void relayTruncated(Exchange x) {
        cancelTimer(x);
        closeTcp(x);
        ByteBuf kept = x.truncatedReply;
        x.truncatedReply = null;
        try {
            ByteBuf response = responses.relay(x, kept, false);
            if (response != null) {
                deliver(x, response);
            } else {
                giveUp(x);
            }
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
            // The upstream did answer, over UDP: its health is not in question.
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

    /** Every upstream failed (or the cap was reached): the last error reply if one came, else SERVFAIL. */
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
        ByteBuf response = null;
        if (x.errorReply != null) {
            response = responses.relay(x, x.errorReply, false);
        }
        deliver(x, response != null ? response : responses.servfail(x));
    }

    /** Ends {@code x} and hands its response to the client's sink. */
    private void deliver(Exchange x, ByteBuf response) {
        ReplySink sink = x.sink;
        InetSocketAddress client = x.client;
        finish(x);
        sink.send(response, client);
    }

    /** Ends {@code x}: timer, pending entries, TCP connection and buffers, in-flight count. Idempotent. */
    void finish(Exchange x) {
        if (x.done) {
            return;
        }
        x.done = true;
        active.remove(x);
        cancelTimer(x);
        closeTcp(x);
        pending.removeAll(x);
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

    /** Drops every exchange still open (their clients get nothing): at shutdown, on the loop. */
    void abandonAll() {
        closed = true;
        for (Exchange x : active.toArray(new Exchange[0])) {
            finish(x);
        }
    }
}
