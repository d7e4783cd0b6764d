package io.lodestar.server.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One duration histogram for a hot path: the count per bucket and the sum, in {@link StripedCounters}, so that
 * {@link #record} allocates nothing (after a thread's first use) and contends with no other thread. Exported by
 * {@link DurationCollector}.
 */
public final class DurationHistogram {
    private final long[] boundsNanos;
    private final StripedCounters counters;

    /** Buckets up to each of {@code boundsNanos} (ascending), and one for the rest (+Inf). */
    public DurationHistogram(long... boundsNanos) {
        this.boundsNanos = boundsNanos.clone();
        this.counters = new StripedCounters(boundsNanos.length + 2);
    }

    /** Records one duration. Allocation-free. */
    public void record(long nanos) {
        AtomicLongArray stripe = counters.stripe();
        StripedCounters.add(stripe, bucket(boundsNanos, nanos), 1);
        StripedCounters.add(stripe, boundsNanos.length + 1, nanos);
    }

    long[] boundsNanos() {
        return boundsNanos.clone();
    }

    /** Durations in bucket {@code bucket} (not cumulative; the last one is +Inf). */
    long bucket(int bucket) {
        return counters.sum(bucket);
    }

    long sumNanos() {
        return counters.sum(boundsNanos.length + 1);
    }

    /** The bucket of {@code nanos}: the first bound it does not exceed, else {@code bounds.length} (+Inf). */
    static int bucket(long[] bounds, long nanos) {
        for (int i = 0; i < bounds.length; i++) {
            if (nanos <= bounds[i]) {
                return i;
            }
        }
        return bounds.length;
    }
}
