package io.lodestar.server.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the DNS query path records per query: the request by protocol and query type, the response by rcode, and
 * the time taken, into {@link StripedCounters}, so that {@link #record} allocates nothing and contends with no
 * other event loop. {@link LodestarMetrics} turns the sums into Prometheus series at scrape time.
 *
 * <p>Query types and rcodes are folded into small allow-lists ({@link #QTYPES}, {@link #RCODES}); anything else
 * is {@code other}, so the number of series is fixed whatever clients send.
 */
public final class QueryStats {
    /** Protocol tag values, indexed by {@code tcp ? 1 : 0}. */
    public static final List<String> PROTOCOLS = List.of("udp", "tcp");
    /** Query type tag values; the last one, {@code other}, takes every type not listed (and messages without a question). */
    public static final List<String> QTYPES =
            List.of("A", "AAAA", "SRV", "SOA", "NS", "ANY", "PTR", "TXT", "CNAME", "MX", "other");
    /** Response code tag values; {@code other} takes the rest. */
    public static final List<String> RCODES =
            List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "BADVERS", "other");
    /**
     * Upper bounds of the latency buckets, in nanoseconds, from 5 µs: answering from the snapshot takes a few
     * microseconds, so the lower buckets are where a regression shows.
     */
    static final long[] BUCKET_BOUNDS_NANOS = {
        5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 100_000_000, 1_000_000_000,
    };
    /** Buckets per protocol: one per bound, and +Inf. */
    static final int BUCKETS = BUCKET_BOUNDS_NANOS.length + 1;

    private static final byte[] QTYPE_SLOT = new byte[256];
    private static final int[] RCODE_SLOT = new int[17];
    private static final int OTHER_QTYPE = QTYPES.size() - 1;
    private static final int OTHER_RCODE = RCODES.size() - 1;

    private static final int REQUESTS = 0;
    private static final int RESPONSES = REQUESTS + PROTOCOLS.size() * QTYPES.size();
    private static final int DURATION_BUCKETS = RESPONSES + PROTOCOLS.size() * RCODES.size();
    private static final int DURATION_SUM = DURATION_BUCKETS + PROTOCOLS.size() * BUCKETS;
    private static final int SLOTS = DURATION_SUM + PROTOCOLS.size();

    static {
        java.util.Arrays.fill(QTYPE_SLOT, (byte) OTHER_QTYPE);
        int[] types = {1, 28, 33, 6, 2, 255, 12, 16, 5, 15}; // in QTYPES order
        for (int i = 0; i < types.length; i++) {
            QTYPE_SLOT[types[i]] = (byte) i;
        }
        java.util.Arrays.fill(RCODE_SLOT, OTHER_RCODE);
        int[] rcodes = {0, 1, 2, 3, 4, 5, 16}; // in RCODES order
        for (int i = 0; i < rcodes.length; i++) {
            RCODE_SLOT[rcodes[i]] = i;
        }
    }

    private final StripedCounters counters = new StripedCounters(SLOTS);

    /**
     * Records one query message: its type ({@code -1} when no question could be read), the rcode of the response
     * when one was sent ({@code responded}), and the nanoseconds it took. Allocation-free.
     */
    public void record(boolean tcp, int qtype, int rcode, boolean responded, long nanos) {
        int protocol = tcp ? 1 : 0;
        AtomicLongArray stripe = counters.stripe();
        StripedCounters.add(stripe, REQUESTS + protocol * QTYPES.size() + qtypeSlot(qtype), 1);
        if (responded) {
            StripedCounters.add(stripe, RESPONSES + protocol * RCODES.size() + rcodeSlot(rcode), 1);
        }
        StripedCounters.add(stripe, DURATION_BUCKETS + protocol * BUCKETS + bucket(nanos), 1);
        StripedCounters.add(stripe, DURATION_SUM + protocol, nanos);
    }

    /** Requests received over {@code protocol} (index in {@link #PROTOCOLS}) with query type index {@code qtype}. */
    public long requests(int protocol, int qtype) {
        return counters.sum(REQUESTS + protocol * QTYPES.size() + qtype);
    }

    /** Responses sent over {@code protocol} with rcode index {@code rcode}. */
    public long responses(int protocol, int rcode) {
        return counters.sum(RESPONSES + protocol * RCODES.size() + rcode);
    }

    /** Queries over {@code protocol} whose time fell in bucket {@code bucket} (not cumulative; the last is +Inf). */
    long durationBucket(int protocol, int bucket) {
        return counters.sum(DURATION_BUCKETS + protocol * BUCKETS + bucket);
    }

    /** Total nanoseconds spent on queries over {@code protocol}. */
    long durationSumNanos(int protocol) {
        return counters.sum(DURATION_SUM + protocol);
    }

    static int qtypeSlot(int qtype) {
        return qtype >= 0 && qtype < QTYPE_SLOT.length ? QTYPE_SLOT[qtype] : OTHER_QTYPE;
    }

    static int rcodeSlot(int rcode) {
        return rcode >= 0 && rcode < RCODE_SLOT.length ? RCODE_SLOT[rcode] : OTHER_RCODE;
    }

    private static int bucket(long nanos) {
        return DurationHistogram.bucket(BUCKET_BOUNDS_NANOS, nanos);
    }
}
