package io.lodestar.server.dns;

import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.QueryResult;
import io.lodestar.server.forward.Forwarder;
import io.lodestar.server.forward.ReplySink;
import io.lodestar.server.metrics.QueryStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic UDP and TCP share: answer one query message into a pooled buffer with the {@link QueryProcessor}
 * and count the outcome (in {@link DnsCounters}, and by type, rcode and time in {@link QueryStats}). Stateless apart from one reusable {@link QueryResult} per event-loop thread (which also
 * carries that thread's round-robin position). A query outside our zones goes to the {@link Forwarder} when there
 * is one and it takes the query; else it gets the processor's REFUSED.
 */
final class QueryAnswerer {
    private static final Logger log = LoggerFactory.getLogger(QueryAnswerer.class);
    private static final int RCODE_FORMERR = 1;
    /** RFC 1035 4.2.2: a TCP message is at most 65535 bytes, after a 2-byte length prefix. */
    private static final int MAX_MESSAGE = 65535;
    private static final int TCP_PREFIX = 2;
    /** Most TCP answers are small; the buffer grows for the rare large one. */
    private static final int TCP_INITIAL_CAPACITY = 512;

    private static final FastThreadLocal<QueryResult> RESULTS = new FastThreadLocal<>() {
        @Override
        protected QueryResult initialValue() {
            return new QueryResult();
        }
    };

    /** Returned by {@link #answer} when the forwarder took the query: its response comes later, through the sink. */
    static final ByteBuf FORWARDED = new EmptyByteBuf(UnpooledByteBufAllocator.DEFAULT);

    private final QueryProcessor processor;
    private final Forwarder forwarder;
    private final DnsCounters counters;
    private final QueryStats stats;
    /** A UDP response never exceeds the largest EDNS size we honour: start there so the buffer never grows. */
    private final int udpInitialCapacity;

    QueryAnswerer(QueryProcessor processor, DnsCounters counters, QueryStats stats, int udpMaxResponseSize) {
        this(processor, counters, stats, udpMaxResponseSize, null);
    }

    /** {@code forwarder} null: names outside our zones are refused. */
    QueryAnswerer(QueryProcessor processor, DnsCounters counters, QueryStats stats, int udpMaxResponseSize,
                  Forwarder forwarder) {
        this.processor = processor;
        this.forwarder = forwarder;
        this.counters = counters;
        this.stats = stats;
        this.udpInitialCapacity = Math.max(512, Math.min(udpMaxResponseSize, MAX_MESSAGE));
    }

    DnsCounters counters() {
        return counters;
    }

    /**
     * Answers the readable bytes of {@code query}. Returns the response, which the caller must write or release,
     * or null when nothing is to be sent. Over TCP the response starts with its 2-byte length. Never throws for a
     * bad message; {@code query} is not released.
     */
    ByteBuf answer(ByteBufAllocator alloc, ByteBuf query, boolean tcp) {
        return answer(alloc, query, tcp, null, null, null);
    }

    /**
     * As {@link #answer(ByteBufAllocator, ByteBuf, boolean)}, but a query outside our zones from {@code client},
     * received on {@code loop}, is offered to the forwarder: {@link #FORWARDED} when it took it (it then sends the
     * response through {@code sink}, later, on {@code loop}). A null {@code client} (not an IP socket) is refused.
     */
    ByteBuf answer(ByteBufAllocator alloc, ByteBuf query, boolean tcp, EventLoop loop, InetSocketAddress client,
                   ReplySink sink) {
        long start = System.nanoTime();
        ByteBuf out;
        if (tcp) {
            counters.tcpQueries.increment();
            out = alloc.ioBuffer(TCP_INITIAL_CAPACITY, TCP_PREFIX + MAX_MESSAGE).writeShort(0);
        } else {
            counters.udpQueries.increment();
            out = alloc.ioBuffer(udpInitialCapacity, MAX_MESSAGE);
        }
        boolean keep = false;
        try {
            QueryResult result = RESULTS.get();
            processor.process(query, out, tcp, result);
            if (!count(result, tcp) || result.responseLength() == 0) {
                stats.record(tcp, result.qtype(), result.rcode(), false, System.nanoTime() - start);
                return null;
            }
            if (result.outcome() == QueryResult.Outcome.OUTSIDE_ZONE && forwarder != null && client != null
                    && forwarder.forward(loop, client, result.query(), query, tcp, sink)) {
                // The upstream's reply is sent later; the forwarder's meters count it.
                stats.record(tcp, result.qtype(), result.rcode(), false, System.nanoTime() - start);
                return FORWARDED;
            }
            stats.record(tcp, result.qtype(), result.rcode(), true, System.nanoTime() - start);
            if (tcp) {
                out.setShort(0, result.responseLength());
            }
            keep = true;
            return out;
        } catch (RuntimeException e) {
            // The processor promises never to throw; if it does, the query goes unanswered but the channel lives.
            counters.errors.increment();
            if (log.isDebugEnabled()) {
                log.debug("dns: query processor failed ({})", tcp ? "tcp" : "udp", e);
            }
            return null;
        } finally {
            if (!keep) {
                out.release();
            }
        }
    }

    /**
     * The truncated response (TC, no records) that response rate limiting sends instead of a withheld one, or
     * null when the query cannot be read whole (then nothing is sent). Counted as a UDP query and a slip.
     */
    ByteBuf slip(ByteBufAllocator alloc, ByteBuf query) {
        long start = System.nanoTime();
        counters.udpQueries.increment();
        counters.rrlSlipped.increment();
        ByteBuf out = alloc.ioBuffer(udpInitialCapacity, MAX_MESSAGE);
        try {
            QueryResult result = RESULTS.get();
            processor.slip(query, out, result);
            stats.record(false, result.qtype(), result.rcode(), result.responseLength() > 0,
                    System.nanoTime() - start);
            if (result.responseLength() > 0) {
                ByteBuf response = out;
                out = null;
                return response;
            }
            return null;
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    /** Counts a UDP query whose response rate limiting withheld. */
    void withheld() {
        counters.udpQueries.increment();
        counters.rrlDropped.increment();
        // Not read, so of no known type; no response.
        stats.record(false, -1, 0, false, 0);
    }

    /** Counts the outcome; false when there is nothing to send. */
    private boolean count(QueryResult result, boolean tcp) {
        if (result.failure() != null) {
            counters.errors.increment();
            if (log.isDebugEnabled()) {
                log.debug("dns: query failed inside the processor ({})", tcp ? "tcp" : "udp", result.failure());
            }
        }
        switch (result.outcome()) {
            case DROPPED -> {
                counters.dropped.increment();
                return false;
            }
            case OUTSIDE_ZONE -> counters.outsideZone.increment();
            default -> counters.answered.increment();
        }
        if (result.rcode() == RCODE_FORMERR) {
            counters.malformed.increment();
        }
        if (result.truncated()) {
            counters.truncated.increment();
        }
        return true;
    }
}
