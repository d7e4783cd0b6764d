package io.lodestar.server.forward;

import io.lodestar.server.metrics.DurationHistogram;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream resolver and its health memory, shared by every event loop. It is healthy until an attempt at it
 * fails (no reply in time, or an error), then failing: tried after the healthy upstreams of its group, and sent a
 * copy of a client query now and then (a probe, first after {@link #FIRST_PROBE_NANOS}, the gap doubling up to
 * {@link #MAX_PROBE_NANOS}) until it answers in time again. Each change of state is logged once (off the loop).
 */
public final class Upstream {
    private static final Logger log = LoggerFactory.getLogger(Upstream.class);
    static final long FIRST_PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_PROBE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Reply time buckets: from 0.5 ms (a resolver next door) to 5 s (above any sensible forwardTimeoutSeconds). */
    private static final long[] LATENCY_BOUNDS_NANOS = {
        500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000,
        250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000L, 5_000_000_000L,
    };

    private final int index;
    private final InetSocketAddress address;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong probeAt = new AtomicLong();
    private volatile long probeGap = FIRST_PROBE_NANOS;
    private final LongAdder answers = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final DurationHistogram latency = new DurationHistogram(LATENCY_BOUNDS_NANOS);

    Upstream(int index, InetSocketAddress address) {
        this.index = index;
        this.address = address;
    }

    /** A small number unique among the forwarder's upstreams, part of the pending-query key. */
    int index() {
        return index;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** True while the upstream is tried last (it failed, and has not answered in time since). */
    public boolean failing() {
        return failing.get();
    }

    /** Attempts in a row that failed; 0 after a reply in time. */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** Replies received in time (any rcode). */
    public long answers() {
        return answers.sum();
    }

    /** Attempts that timed out or failed. */
    public long failures() {
        return failures.sum();
    }

    /**
     * The time from sending each attempt to this upstream until its reply was accepted (the replies counted by
     * {@link #answers()}); written by the event loops into their own buckets.
     */
    public DurationHistogram latency() {
        return latency;
    }

    /** A reply arrived in time, {@code nanos} after the attempt was sent: healthy again if it was failing. */
    void answered(long nanos) {
        answers.increment();
        latency.record(nanos);
        int failed = consecutiveFailures.getAndSet(0);
        if (failing.compareAndSet(true, false)) {
            probeGap = FIRST_PROBE_NANOS;
            StateLog.write(() -> log.info("forward: upstream {} answers again after {} failed attempt(s)", text(),
                    failed));
        }
    }

    /** An attempt failed ({@code reason} for the log); a failed probe doubles the gap before the next probe. */
    void failed(long nowNanos, String reason, boolean probe) {
        failures.increment();
        consecutiveFailures.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            probeGap = FIRST_PROBE_NANOS;
            probeAt.set(nowNanos + FIRST_PROBE_NANOS);
            StateLog.write(() -> log.warn("forward: upstream {} is failing ({}); it is tried last until it answers"
                    + " again", text(), reason));
        } else if (probe) {
            long gap = Math.min(probeGap * 2, MAX_PROBE_NANOS);
            probeGap = gap;
            probeAt.set(nowNanos + gap);
        }
    }

    /** True for exactly one caller once a probe of this failing upstream is due. */
    boolean claimProbe(long nowNanos) {
        if (!failing.get()) {
            return false;
        }
        long at = probeAt.get();
        // The next probe is pushed back at once, so a probe that never completes cannot stop later ones.
        return nowNanos - at >= 0 && probeAt.compareAndSet(at, nowNanos + probeGap);
    }

    private String text() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return "Upstream[" + text() + (failing() ? ", failing" : "") + "]";
    }
}
