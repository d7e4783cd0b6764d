package io.lodestar.server.metrics;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed number of counters for hot paths: every thread adds to its own array of slots, and a reader sums the
 * slot over every thread's array. An increment is a plain read and an opaque write to memory no other thread
 * writes: no allocation (after a thread's first use), no compare-and-set, no cache line shared between writers.
 *
 * <p>Sums are monotonic and eventually exact: a reader may miss the last few increments of a running thread. The
 * arrays of threads that ended stay, so nothing counted is ever lost; there is one array per thread that ever
 * counted (event loops, in practice).
 */
public final class StripedCounters {
    /** Unused longs either side of a thread's slots, so that two threads' arrays never share a cache line. */
    private static final int PAD = 8;

    private final int slots;
    private final List<AtomicLongArray> stripes = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<AtomicLongArray> local = new FastThreadLocal<>() {
        @Override
        protected AtomicLongArray initialValue() {
            AtomicLongArray stripe = new AtomicLongArray(slots + 2 * PAD);
            stripes.add(stripe);
            return stripe;
        }
    };

    /** {@code slots} counters, all 0. */
    public StripedCounters(int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        this.slots = slots;
    }

    /** The calling thread's stripe, for several {@link #add} calls at the cost of one thread-local lookup. */
    public AtomicLongArray stripe() {
        return local.get();
    }

    /** Adds {@code n} to {@code slot} in {@code stripe}, which must be the calling thread's own {@link #stripe()}. */
    public static void add(AtomicLongArray stripe, int slot, long n) {
        int i = slot + PAD;
        // Single writer: a plain read, then an opaque write that readers see atomically (no torn long).
        stripe.setOpaque(i, stripe.getPlain(i) + n);
    }

    /** The sum of {@code slot} over every thread. */
    public long sum(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException(slot);
        }
        long sum = 0;
        for (AtomicLongArray stripe : stripes) {
            sum += stripe.getOpaque(slot + PAD);
        }
        return sum;
    }
}
