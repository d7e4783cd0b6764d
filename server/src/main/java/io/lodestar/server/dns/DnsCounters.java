package io.lodestar.server.dns;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the DNS transports saw: queries by transport and outcome, and the packets, frames and connections they
 * refused. Lock-free counters written from every event loop; a later issue exposes them as Micrometer meters.
 */
public final class DnsCounters {
    final LongAdder udpQueries = new LongAdder();
    final LongAdder tcpQueries = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder outsideZone = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder tcpConnections = new LongAdder();
    final LongAdder tcpRejected = new LongAdder();
    final LongAdder tcpIdleClosed = new LongAdder();
    final LongAdder tcpBadFrames = new LongAdder();
    final LongAdder tcpPipelineFull = new LongAdder();
    final LongAdder rrlDropped = new LongAdder();
    final LongAdder rrlSlipped = new LongAdder();

    /** Query messages received over UDP (malformed ones included). */
    public long udpQueries() {
        return udpQueries.sum();
    }

    /** Query messages received over TCP (malformed ones included). */
    public long tcpQueries() {
        return tcpQueries.sum();
    }

    /** Queries that got a response from the Mesos domain handler (any rcode). */
    public long answered() {
        return answered.sum();
    }

    /** Queries for names outside the Mesos domain: forwarded (see the forwarder's counters) or refused. */
    public long outsideZone() {
        return outsideZone.sum();
    }

    /** Messages that got no response at all (too short to answer, or a response rather than a query). */
    public long dropped() {
        return dropped.sum();
    }

    /** Messages answered with FORMERR because they could not be parsed. */
    public long malformed() {
        return malformed.sum();
    }

    /** Responses sent with the TC bit because the answer did not fit. */
    public long truncated() {
        return truncated.sum();
    }

    /** Unexpected exceptions caught in a handler (a socket error, a failed write, a bug). */
    public long errors() {
        return errors.sum();
    }

    /** TCP connections accepted and served. */
    public long tcpConnections() {
        return tcpConnections.sum();
    }

    /** TCP connections closed on accept because {@code tcpMaxConnections} were already open. */
    public long tcpRejected() {
        return tcpRejected.sum();
    }

    /** TCP connections closed after {@code tcpIdleTimeoutSeconds} without traffic. */
    public long tcpIdleClosed() {
        return tcpIdleClosed.sum();
    }

    /** TCP connections closed because a frame was malformed (zero length, or a message we cannot answer). */
    public long tcpBadFrames() {
        return tcpBadFrames.sum();
    }

    /** Times a TCP connection had {@code tcpMaxQueriesPerConnection} answers waiting, so reading it paused. */
    public long tcpPipelineFull() {
        return tcpPipelineFull.sum();
    }

    /** UDP responses withheld by response rate limiting (the query is counted, nothing is sent). */
    public long rrlDropped() {
        return rrlDropped.sum();
    }

    /** UDP responses that response rate limiting sent truncated (TC, no records) instead of withholding them. */
    public long rrlSlipped() {
        return rrlSlipped.sum();
    }

    @Override
    public String toString() {
        return "DnsCounters[udp=" + udpQueries() + ", tcp=" + tcpQueries() + ", answered=" + answered()
                + ", outsideZone=" + outsideZone() + ", dropped=" + dropped() + ", malformed=" + malformed()
                + ", truncated=" + truncated() + ", errors=" + errors() + ", tcpConnections=" + tcpConnections()
                + ", tcpRejected=" + tcpRejected() + ", tcpIdleClosed=" + tcpIdleClosed()
                + ", tcpBadFrames=" + tcpBadFrames() + ", tcpPipelineFull=" + tcpPipelineFull()
                + ", rrlDropped=" + rrlDropped() + ", rrlSlipped=" + rrlSlipped() + "]";
    }
}
