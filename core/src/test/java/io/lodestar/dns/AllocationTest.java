package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The query path allocates nothing: after warm-up, answering every kind of query (hits, SRV with additional,
 * negative answers, {@code .*}, EDNS, truncation, guards, rate-limit slips) adds (almost) no bytes to this thread's allocation
 * counter. The JIT may allocate a few bytes once, while it recompiles; an object per query, or even per thousand
 * queries, would add megabytes.
 */
class AllocationTest {

    private static final String[] QUERIES = {
            "app7.marathon.mesos. A",
            SyntheticCluster.canonicalName(7, 1) + ".marathon.mesos. A",
            "_app7._tcp.marathon.mesos. SRV edns=1232",
            "_app7._tcp.*.marathon.mesos. SRV",
            "missing.marathon.mesos. A",
            "marathon.slave.mesos. A",
            "mesos. NS edns=4096 do",
            "slave.mesos. A",
            "app7.marathon.mesos. ANY",
            "example.com. A",
            "app7.marathon.mesos. A edns=1232 version=1",
    };

    /** Reverse zones and thisdcos.directory: PTR hits, negative answers in a reverse zone, reverse names outside. */
    private static final String[] ZONE_QUERIES = {
            "1.0.0.9.in-addr.arpa. PTR",
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa. PTR edns=1232",
            "x.11.0.0.10.in-addr.arpa. PTR",
            "11.0.0.10.in-addr.arpa. A",
            "3.0.0.10.in-addr.arpa. PTR",
            "2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa. PTR",
            "app-group.marathon.autoip.dcos.thisdcos.directory. A",
            "_app-group._tcp.marathon.l4lb.thisdcos.directory. SRV",
            "missing.thisdcos.directory. A",
            "leader.mesos.thisdcos.directory. A",
    };

    @Test
    void answeringAllocatesNothing() {
        Config config = Config.defaults();
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(SyntheticCluster.tasks(2000, 10), config, Fixtures.SERIAL);
        assertAllocatesNothing(new QueryProcessor(holder, config), QUERIES);
    }

    @Test
    void answeringInReverseAndDcosZonesAllocatesNothing() {
        Config config = MultiZoneAnswerTest.config();
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(MultiZoneAnswerTest.records(config), config, Fixtures.SERIAL);
        assertAllocatesNothing(new QueryProcessor(holder, config), ZONE_QUERIES);
    }

    private static void assertAllocatesNothing(QueryProcessor processor, String[] specs) {
        QueryResult result = new QueryResult();
        // No leak-aware wrappers: at ADVANCED or PARANOID they record every access.
        ByteBufAllocator alloc = new UnpooledByteBufAllocator(true, true);
        List<ByteBuf> queries = new ArrayList<>();
        ByteBuf out = alloc.directBuffer(65536);
        try {
            for (String q : specs) {
                byte[] wire = Ask.query(q).toWire();
                queries.add(alloc.directBuffer(wire.length).writeBytes(wire));
            }
            queries.add(alloc.directBuffer(20).writeBytes(new byte[20]));
            run(processor, queries, out, result, 20_000);

            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long threadId = Thread.currentThread().getId();
            int rounds = 40_000;
            long before = threads.getThreadAllocatedBytes(threadId);
            run(processor, queries, out, result, rounds);
            long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            long count = (long) rounds * queries.size();
            assertThat(allocated).as("bytes allocated by %d queries", count).isLessThan(count / 1000);
        } finally {
            queries.forEach(ByteBuf::release);
            out.release();
        }
    }

    private static void run(QueryProcessor processor, List<ByteBuf> queries, ByteBuf out, QueryResult result,
                            int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (int q = 0; q < queries.size(); q++) {
                out.clear();
                if (i % 3 == 2) {
                    processor.slip(queries.get(q), out, result);
                } else {
                    processor.process(queries.get(q), out, (i & 1) == 0, result);
                }
            }
        }
    }
}
