package io.lodestar.server.refresh;

import io.lodestar.server.mesos.FailureReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Failed refreshes counted by {@link FailureReason}: a fixed set of counters, created once (metrics come later). */
public final class RefreshFailures {
    private final Map<FailureReason, LongAdder> counters = new EnumMap<>(FailureReason.class);

    RefreshFailures() {
        for (FailureReason r : FailureReason.values()) {
            counters.put(r, new LongAdder());
        }
    }

    void increment(FailureReason reason) {
        counters.get(reason).increment();
    }

    /** Failures for {@code reason} since start. */
    public long count(FailureReason reason) {
        return counters.get(reason).sum();
    }

    /** Every reason with its count, in declaration order. */
    public Map<FailureReason, Long> snapshot() {
        Map<FailureReason, Long> out = new EnumMap<>(FailureReason.class);
        counters.forEach((r, c) -> out.put(r, c.sum()));
        return out;
    }

    /** Failures of every reason since start. */
    public long total() {
        long t = 0;
        for (LongAdder c : counters.values()) {
            t += c.sum();
        }
        return t;
    }
}
