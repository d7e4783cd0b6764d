package io.lodestar.server.dns;

import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.QueryResult;
import io.lodestar.server.metrics.QueryStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic UDP and TCP share: answer one query message into a pooled buffer with the {@link QueryProcessor}
 * and count the outcome (in {@link DnsCounters}, and by type, rcode and time in {@link QueryStats}). Stateless apart from one reusable {@link QueryResult} per event-loop thread (which also
 * carries that thread's round-robin position).
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

    private final QueryProcessor processor;
    private final DnsCounters counters;
    private final QueryStats stats;
    /** A UDP response never exceeds the largest EDNS size we honour: start there so the buffer never grows. */
    private final int udpInitialCapacity;

    QueryAnswerer(QueryProcessor processor, DnsCounters counters, QueryStats stats, int udpMaxResponseSize) {
        this.processor = processor;
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
            boolean respond = count(result, tcp) && result.responseLength() > 0;
            stats.record(tcp, result.qtype(), result.rcode(), respond, System.nanoTime() - start);
            if (!respond) {
                return null;
            }
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
