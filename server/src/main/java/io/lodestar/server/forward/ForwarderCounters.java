package io.lodestar.server.forward;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the forwarder did: queries taken over, how they ended, the attempts that failed by reason, replies that
 * matched nothing, and the queries in flight now. Lock-free, written from every event loop; a later issue exposes
 * them as Micrometer meters.
 */
public final class ForwarderCounters {
    final LongAdder forwarded = new LongAdder();
    final LongAdder relayed = new LongAdder();
    final LongAdder relayedTruncated = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder capRejected = new LongAdder();
    final LongAdder attemptTimeouts = new LongAdder();
    final LongAdder attemptErrors = new LongAdder();
    final LongAdder attemptErrorRcodes = new LongAdder();
    final LongAdder tcpRetries = new LongAdder();
    final LongAdder unmatchedReplies = new LongAdder();
    final LongAdder lateReplies = new LongAdder();
    final LongAdder probes = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder cacheMisses = new LongAdder();
    final LongAdder errors = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();

    /** Queries taken over by the forwarder (cache hits and cap rejections included). */
    public long forwarded() {
        return forwarded.sum();
    }

    /** Queries answered with an upstream's reply (from the cache included). */
    public long relayed() {
        return relayed.sum();
    }

    /** Relayed replies cut by whole records, with TC, to fit the client's size limit. */
    public long relayedTruncated() {
        return relayedTruncated.sum();
    }

    /** Queries that got SERVFAIL (or the last upstream error reply) because every upstream failed. */
    public long failed() {
        return failed.sum();
    }

    /** Queries outside our zones not forwarded: client not in {@code allowRecursion}, no upstream, or a transfer. */
    public long refused() {
        return refused.sum();
    }

    /** Queries answered SERVFAIL at once because {@code forwardMaxInFlight} queries were already in flight. */
    public long capRejected() {
        return capRejected.sum();
    }

    /** Attempts at one upstream that got no reply in time. */
    public long attemptTimeouts() {
        return attemptTimeouts.sum();
    }

    /** Attempts that failed at once: a send or connect error, a closed connection, an unusable reply. */
    public long attemptErrors() {
        return attemptErrors.sum();
    }

    /** Attempts answered SERVFAIL, REFUSED, NOTIMP or FORMERR by the upstream (the next one is tried). */
    public long attemptErrorRcodes() {
        return attemptErrorRcodes.sum();
    }

    /** Truncated UDP replies retried over TCP. */
    public long tcpRetries() {
        return tcpRetries.sum();
    }

    /**
     * UDP replies dropped because they matched no query in flight (unknown sender, ID or socket, or another
     * question): spoofing attempts, and late duplicates.
     */
    public long unmatchedReplies() {
        return unmatchedReplies.sum();
    }

    /** Replies that arrived after their attempt timed out but while the query was still in flight, and were used. */
    public long lateReplies() {
        return lateReplies.sum();
    }

    /** Copies of client queries sent to a failing upstream to learn whether it answers again. */
    public long probes() {
        return probes.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long cacheMisses() {
        return cacheMisses.sum();
    }

    /** Unexpected exceptions on the upstream sockets (the sockets stay open). */
    public long errors() {
        return errors.sum();
    }

    /** Forwarded queries waiting for an upstream now. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public String toString() {
        return "ForwarderCounters[forwarded=" + forwarded() + ", relayed=" + relayed() + ", relayedTruncated="
                + relayedTruncated() + ", failed=" + failed() + ", refused=" + refused() + ", capRejected="
                + capRejected() + ", attemptTimeouts=" + attemptTimeouts() + ", attemptErrors=" + attemptErrors()
                + ", attemptErrorRcodes=" + attemptErrorRcodes() + ", tcpRetries=" + tcpRetries()
                + ", unmatchedReplies=" + unmatchedReplies() + ", lateReplies=" + lateReplies() + ", probes="
                + probes() + ", cacheHits=" + cacheHits() + ", cacheMisses=" + cacheMisses() + ", errors=" + errors()
                + ", inFlight=" + inFlight() + "]";
    }
}
