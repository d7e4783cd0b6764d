package io.lodestar.server.forward;

import io.lodestar.dns.Query;
import io.lodestar.forward.ReplyCache;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * One forwarded query from the moment the forwarder takes it over until its response is sent: the client's
 * message, its question, the upstreams to try and the state of the current attempt. Owned by one event loop
 * (never shared between threads), so it needs no locks. A probe is an exchange without a client.
 */
final class Exchange {
    /** The client's message as received (client ID included); released when the exchange ends. */
    final ByteBuf query;
    final int clientId;
    final byte[] lowerName;
    final int nameLength;
    final int qtype;
    final int qclass;
    final boolean edns;
    final boolean dnssecOk;
    /** The client's transport: TCP clients are forwarded over TCP. */
    final boolean tcp;
    /** The largest response the client takes (RFC 6891 over UDP, 65535 over TCP). */
    final int limit;
    /** Null for a probe. */
    final ReplySink sink;
    final InetSocketAddress client;
    /** Null when the cache is off. */
    final ReplyCache.Key cacheKey;
    /** False when the in-flight cap was reached: the exchange answers SERVFAIL at once. */
    final boolean admitted;

    Upstream[] order;
    int next;
    /** The number of the current attempt; callbacks of earlier attempts are stale. */
    int attempt;
    Upstream current;
    /** {@link System#nanoTime()} when the current attempt began. */
    long attemptStart;
    /** The pending-table key of the current UDP attempt, or -1. */
    long currentKey = -1;
    boolean retryingOverTcp;
    /** Every pending-table key registered: replies to earlier attempts stay welcome until the end. */
    long[] keys = new long[2];
    int keyCount;
    ScheduledFuture<?> timer;
    Channel tcpChannel;
    /** A UDP reply with TC, kept while its TCP retry runs. */
    ByteBuf truncatedReply;
    /** The last error reply (SERVFAIL, REFUSED...), relayed if no upstream does better. */
    ByteBuf errorReply;
    boolean done;

    Exchange(ByteBuf query, Query q, boolean tcp, int limit, InetSocketAddress client, ReplySink sink,
             ReplyCache.Key cacheKey, boolean admitted) {
        this.query = query;
        this.clientId = q.id();
        this.lowerName = Arrays.copyOf(q.lowercaseName(), q.nameLength());
        this.nameLength = q.nameLength();
        this.qtype = q.qtype();
        this.qclass = q.qclass();
        this.edns = q.edns();
        this.dnssecOk = q.dnssecOk();
        this.tcp = tcp;
        this.limit = limit;
        this.client = client;
        this.sink = sink;
        this.cacheKey = cacheKey;
        this.admitted = admitted;
    }

    /** A probe of {@code upstream} with a copy of {@code of}'s query: no client, one upstream, over UDP. */
    private Exchange(Exchange of, ByteBuf copy, Upstream upstream) {
        this.query = copy;
        this.clientId = of.clientId;
        this.lowerName = of.lowerName;
        this.nameLength = of.nameLength;
        this.qtype = of.qtype;
        this.qclass = of.qclass;
        this.edns = of.edns;
        this.dnssecOk = of.dnssecOk;
        this.tcp = false;
        this.limit = of.limit;
        this.sink = null;
        this.client = null;
        this.cacheKey = null;
        this.admitted = true;
        this.order = new Upstream[] {upstream};
    }

    Exchange probe(ByteBuf copy, Upstream upstream) {
        return new Exchange(this, copy, upstream);
    }

    boolean isProbe() {
        return sink == null;
    }

    /** The question as received: name (case kept) and type and class, right after the header. */
    int questionLength() {
        return nameLength + 4;
    }

    void addKey(long key) {
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
        }
        keys[keyCount++] = key;
    }
}
