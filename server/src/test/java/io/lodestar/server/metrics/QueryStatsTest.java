package io.lodestar.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The per-thread query counters: what lands in which slot, sums over threads, and no allocation per query. */
class QueryStatsTest {
    private static final int UDP = 0;
    private static final int TCP = 1;
    private static final int A = 1;
    private static final int SRV = 33;
    private static final int NXDOMAIN = 3;

    @Test
    void typesAndRcodesOutsideTheAllowListsCountAsOther() {
        QueryStats stats = new QueryStats();

        stats.record(false, A, 0, true, 1_000);
        stats.record(false, 99, 3, true, 1_000);
        stats.record(false, -1, 1, true, 1_000);
        stats.record(true, 65535, 9, true, 1_000);

        assertThat(stats.requests(UDP, QueryStats.QTYPES.indexOf("A"))).isEqualTo(1);
        assertThat(stats.requests(UDP, QueryStats.QTYPES.indexOf("other"))).isEqualTo(2);
        assertThat(stats.requests(TCP, QueryStats.QTYPES.indexOf("other"))).isEqualTo(1);
        assertThat(stats.responses(UDP, QueryStats.RCODES.indexOf("NOERROR"))).isEqualTo(1);
        assertThat(stats.responses(UDP, QueryStats.RCODES.indexOf("NXDOMAIN"))).isEqualTo(1);
        assertThat(stats.responses(UDP, QueryStats.RCODES.indexOf("FORMERR"))).isEqualTo(1);
        assertThat(stats.responses(TCP, QueryStats.RCODES.indexOf("other"))).isEqualTo(1);
    }

    @Test
    void aDroppedMessageIsARequestWithoutAResponse() {
        QueryStats stats = new QueryStats();

        stats.record(false, -1, 0, false, 500);

        assertThat(stats.requests(UDP, QueryStats.QTYPES.indexOf("other"))).isEqualTo(1);
        for (int r = 0; r < QueryStats.RCODES.size(); r++) {
            assertThat(stats.responses(UDP, r)).isZero();
        }
    }

    @Test
    void durationsFallInTheirBucketsAndAddUp() {
        QueryStats stats = new QueryStats();

        stats.record(false, A, 0, true, 4_000);      // <= 5 µs
        stats.record(false, A, 0, true, 5_000);      // <= 5 µs, the bound is inclusive
        stats.record(false, A, 0, true, 30_000);     // <= 50 µs
        stats.record(false, A, 0, true, 5_000_000_000L); // +Inf

        assertThat(stats.durationBucket(UDP, 0)).isEqualTo(2);
        assertThat(stats.durationBucket(UDP, 3)).isEqualTo(1);
        assertThat(stats.durationBucket(UDP, QueryStats.BUCKETS - 1)).isEqualTo(1);
        assertThat(stats.durationSumNanos(UDP)).isEqualTo(5_000_039_000L);
        assertThat(stats.durationSumNanos(TCP)).isZero();
    }

    @Test
    void countsFromSeveralThreadsAddUp() throws Exception {
        QueryStats stats = new QueryStats();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<?>[] runs = new CompletableFuture<?>[4];
            for (int t = 0; t < runs.length; t++) {
                runs[t] = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        stats.record(true, SRV, NXDOMAIN, true, 1);
                    }
                }, pool);
            }
            CompletableFuture.allOf(runs).get();
        } finally {
            pool.shutdown();
        }

        assertThat(stats.requests(TCP, QueryStats.QTYPES.indexOf("SRV"))).isEqualTo(40_000);
        assertThat(stats.responses(TCP, QueryStats.RCODES.indexOf("NXDOMAIN"))).isEqualTo(40_000);
    }

    /** The same measurement as core's AllocationTest: a thread's allocation counter before and after. */
    @Test
    void recordingAllocatesNothing() {
        QueryStats stats = new QueryStats();
        int[] types = {1, 28, 33, 6, 255, 99, -1};
        run(stats, types, 50_000);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        int rounds = 200_000;
        long before = threads.getThreadAllocatedBytes(threadId);
        run(stats, types, rounds);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        long count = (long) rounds * types.length;
        assertThat(allocated).as("bytes allocated by %d records", count).isLessThan(count / 1000);
    }

    private static void run(QueryStats stats, int[] types, int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (int t = 0; t < types.length; t++) {
                stats.record((i & 1) == 0, types[t], i & 7, (i & 3) != 0, i & 0xFFFFF);
            }
        }
    }
}
