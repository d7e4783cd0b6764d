package io.lodestar.bench;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.QueryResult;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process query path, one query per operation: read the header and question from a direct buffer, guard,
 * look the name up in the published snapshot of a generated cluster, write the response into a direct buffer (what
 * {@code QueryProcessor.process} does on an event loop, without the socket). Run with {@code -prof gc}: every case
 * should allocate 0 B/op.
 *
 * <ul>
 *   <li>{@code a}, {@code aaaa}: a task name with one address;</li>
 *   <li>{@code srv}: an app's SRV RRset of three instances, with the targets' A records as additional data;</li>
 *   <li>{@code nxdomain}, {@code nodata}: negative answers with the SOA in the authority section;</li>
 *   <li>{@code truncated}: the largest SRV RRset without EDNS, cut to 512 bytes with TC;</li>
 *   <li>{@code edns}: the SRV query with an OPT record (1232 bytes), answered with OPT;</li>
 *   <li>{@code mixed}: 4096 queries of the load harness's mixed workload in turn, spread over the whole table.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseG1GC", "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
    "-Dio.netty.leakDetection.level=disabled"})
public class QueryBenchmark {

    @Param({"20000"})
    public int tasks;

    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(true, true);
    private final List<ByteBuf> buffers = new ArrayList<>();
    private QueryProcessor processor;
    private QueryResult result;
    private ByteBuf out;
    private ByteBuf a;
    private ByteBuf aaaa;
    private ByteBuf srv;
    private ByteBuf nxdomain;
    private ByteBuf nodata;
    private ByteBuf truncated;
    private ByteBuf edns;
    private ByteBuf[] mixed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Config config = Workload.config();
        RecordSet records = Workload.records(StateGenerator.generate(tasks, 1), config);
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(records, config, 1);
        processor = new QueryProcessor(holder, config);
        result = new QueryResult();
        out = alloc.directBuffer(4096, 65536);

        String aName = single(records.a(), ".marathon.mesos.");
        String aaaaName = single(records.aaaa(), ".marathon.mesos.");
        String srvName = withValues(records.srv(), 3);
        String bigSrv = records.srv().entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, List<RecordSet.Srv>> e) -> e.getValue().size()))
                .orElseThrow().getKey();
        a = query(aName, QueryWire.TYPE_A, 0);
        aaaa = query(aaaaName, QueryWire.TYPE_AAAA, 0);
        srv = query(srvName, QueryWire.TYPE_SRV, 0);
        nxdomain = query("nx" + aName, QueryWire.TYPE_A, 0);
        nodata = query(aName, QueryWire.TYPE_AAAA, 0);
        truncated = query(bigSrv, QueryWire.TYPE_SRV, 0);
        edns = query(srvName, QueryWire.TYPE_SRV, 1232);
        List<QueryMix.Q> mix = new QueryMix(records, 7).mixed(4096, 11);
        mixed = new ByteBuf[mix.size()];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = query(mix.get(i).name(), mix.get(i).typeCode(), 0);
        }

        expect(a, 0, 1, false);
        expect(aaaa, 0, 1, false);
        expect(srv, 0, 3, false);
        expect(nxdomain, 3, 0, false);
        expect(nodata, 0, 0, false);
        expect(truncated, 0, -1, true);
        expect(edns, 0, 3, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffers.forEach(ByteBuf::release);
        out.release();
    }

    @Benchmark
    public int a() {
        return answer(a);
    }

    @Benchmark
    public int aaaa() {
        return answer(aaaa);
    }

    @Benchmark
    public int srv() {
        return answer(srv);
    }

    @Benchmark
    public int nxdomain() {
        return answer(nxdomain);
    }

    @Benchmark
    public int nodata() {
        return answer(nodata);
    }

    @Benchmark
    public int truncated() {
        return answer(truncated);
    }

    @Benchmark
    public int edns() {
        return answer(edns);
    }

    @Benchmark
    public int mixed() {
        ByteBuf q = mixed[next];
        next = (next + 1) & (mixed.length - 1);
        return answer(q);
    }

    private int answer(ByteBuf query) {
        out.clear();
        processor.process(query, out, false, result);
        return out.writerIndex();
    }

    private ByteBuf query(String name, int type, int ednsSize) {
        byte[] wire = QueryWire.query(0x1234, name, type, ednsSize);
        ByteBuf b = alloc.directBuffer(wire.length).writeBytes(wire);
        buffers.add(b);
        return b;
    }

    /** Checks the setup: rcode, answer count (-1: any), TC. A benchmark of the wrong answer measures nothing. */
    private void expect(ByteBuf query, int rcode, int answers, boolean tc) {
        answer(query);
        int flags = out.getUnsignedShort(2);
        int an = out.getUnsignedShort(6);
        if ((flags & 0xF) != rcode || (answers >= 0 && an != answers) || ((flags & 0x0200) != 0) != tc) {
            throw new IllegalStateException("unexpected answer: rcode " + (flags & 0xF) + ", " + an + " answers, tc "
                    + ((flags & 0x0200) != 0) + " for " + ByteBufUtilText.question(query));
        }
    }

    /** The first owner under {@code suffix} with exactly one value (a canonical task name). */
    private static String single(Map<String, List<String>> records, String suffix) {
        return records.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix) && e.getValue().size() == 1)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The first {@code _app._tcp.marathon.mesos.} SRV owner with {@code n} values. */
    private static String withValues(Map<String, List<RecordSet.Srv>> records, int n) {
        return records.entrySet().stream()
                .filter(e -> e.getKey().endsWith("._tcp.marathon.mesos.") && e.getValue().size() == n)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
