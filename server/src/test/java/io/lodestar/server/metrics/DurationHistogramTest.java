package io.lodestar.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-thread duration histogram behind {@code lodestar_forward_duration_seconds}. */
class DurationHistogramTest {

    @Test
    void bucketsAreUpperBoundsInclusiveAndTheRestIsInf() {
        DurationHistogram h = new DurationHistogram(10, 100);
        h.record(10);
        h.record(11);
        h.record(100);
        h.record(101);

        assertThat(h.bucket(0)).isEqualTo(1);
        assertThat(h.bucket(1)).isEqualTo(2);
        assertThat(h.bucket(2)).isEqualTo(1);
        assertThat(h.sumNanos()).isEqualTo(222);
    }

    @Test
    void recordingAllocatesNothing() {
        DurationHistogram h = new DurationHistogram(500_000, 1_000_000, 5_000_000, 5_000_000_000L);
        for (int i = 0; i < 50_000; i++) {
            h.record(i * 1_000L);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        int count = 1_000_000;
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < count; i++) {
            h.record(i * 1_000L);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(allocated).as("bytes allocated by %d records", count).isLessThan(count / 1000);
        assertThat(h.bucket(0) + h.bucket(1) + h.bucket(2) + h.bucket(3) + h.bucket(4)).isEqualTo(50_000L + count);
    }
}
