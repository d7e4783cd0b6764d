package io.lodestar.bench;

import io.lodestar.config.Config;
import io.lodestar.dns.Snapshot;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.dns.ZoneCompiler;
import io.lodestar.mesos.MesosState;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The refresh path, stage by stage and whole, for generated states of 1k, 20k and 100k tasks (warm JVM):
 * {@code parse} (JSON bytes to the state model), {@code build} (Mesos-DNS record rules), {@code compile} (records
 * to a snapshot of wire answers), and {@code refresh}: read the state file, parse, build, compare with the
 * published records and compile and publish, alternating between two states that differ by one task, so every
 * refresh publishes. Hostnames are IP literals: no lookups. {@code -prof gc} gives the bytes allocated per refresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseG1GC", "-Xms3g", "-Xmx3g"})
public class RefreshBenchmark {

    @Param({"1000", "20000", "100000"})
    public int tasks;

    private Config config;
    private byte[] stateBytes;
    private MesosState state;
    private RecordSet records;
    private Path[] files;
    private SnapshotHolder holder;
    private int turn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        config = Workload.config();
        stateBytes = StateGenerator.generate(tasks, 1);
        state = Workload.parse(stateBytes);
        records = Workload.build(state, config);
        files = new Path[] {Files.createTempFile("lodestar-bench-state-a", ".json"),
            Files.createTempFile("lodestar-bench-state-b", ".json")};
        Files.write(files[0], stateBytes);
        Files.write(files[1], StateVariant.oneTaskLess(stateBytes));
        holder = new SnapshotHolder();
        holder.publish(Workload.records(Files.readAllBytes(files[1]), config), config, 1);
        turn = 1; // the first refresh reads files[0]
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    @Benchmark
    public MesosState parse() {
        return Workload.parse(stateBytes);
    }

    @Benchmark
    public RecordSet build() {
        return Workload.build(state, config);
    }

    @Benchmark
    public Snapshot compile() {
        return ZoneCompiler.compile(records, config, 2);
    }

    @Benchmark
    public boolean refresh() {
        turn ^= 1;
        return refresh(holder, files[turn], config);
    }

    /** One refresh as the server does it for a state file: read, parse, build, publish (compile unless the same). */
    static boolean refresh(SnapshotHolder holder, Path file, Config config) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RecordSet built = Workload.records(json, config);
        if (!holder.publish(built, config, holder.serial() + 1)) {
            throw new IllegalStateException("the two states gave the same records");
        }
        return true;
    }
}
