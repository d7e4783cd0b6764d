package io.lodestar.bench;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.mesos.MesosState;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one refresh stage by stage in a warm JVM and reports what it costs in memory: bytes allocated, the heap's
 * peak during the refresh, the heap retained afterwards (the published snapshot and its records), and GC time.
 * Run it with the server's JVM flags to see the refresh under the server's heap:
 *
 * <pre>java -XX:+UseG1GC -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar \
 *     io.lodestar.bench.RefreshProbe --tasks 20000 [--runs 10] [--json FILE]</pre>
 *
 * "Fetch" here is reading the state file's bytes (from the page cache), as the state-file source does. The
 * refreshing thread's CPU time is reported beside the wall time: on a shared machine it is the steadier figure.
 */
public final class RefreshProbe {

    private record Run(long readNs, long parseNs, long buildNs, long publishNs, long cpuNs, long allocated,
                       long peakHeap, long gcMs) {
        long totalNs() {
            return readNs + parseNs + buildNs + publishNs;
        }
    }

    private RefreshProbe() {
    }

    public static void main(String[] args) throws IOException {
        int tasks = 20_000;
        int runs = 10;
        int warmup = 10;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: RefreshProbe [--tasks N] [--runs N] [--warmup N] [--json FILE]");
                    System.exit(2);
                }
            }
        }
        Config config = Workload.config();
        byte[] state = StateGenerator.generate(tasks, 1);
        Path[] files = {Files.createTempFile("lodestar-probe-a", ".json"), Files.createTempFile("lodestar-probe-b", ".json")};
        try {
            Files.write(files[0], state);
            Files.write(files[1], StateVariant.oneTaskLess(state));
            state = null;
            SnapshotHolder holder = new SnapshotHolder();
            for (int i = 0; i < warmup; i++) {
                RefreshBenchmark.refresh(holder, files[i & 1], config);
            }
            List<Run> measured = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                measured.add(measure(holder, files[(warmup + i) & 1], config));
            }
            System.gc();
            long retained = heapUsed();
            report(tasks, Files.size(files[0]), measured, retained, holder, json);
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static Run measure(SnapshotHolder holder, Path file, Config config) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.gc();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcBefore = gcMillis();
        long allocBefore = threads.getThreadAllocatedBytes(thread);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        byte[] json = Files.readAllBytes(file);
        long t1 = System.nanoTime();
        MesosState parsed = Workload.parse(json);
        long t2 = System.nanoTime();
        RecordSet records = Workload.build(parsed, config);
        long t3 = System.nanoTime();
        if (!holder.publish(records, config, holder.serial() + 1)) {
            throw new IllegalStateException("nothing published");
        }
        long t4 = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocBefore;
        long peak = 0;
        for (MemoryPoolMXBean p : pools) {
            peak += p.getPeakUsage().getUsed();
        }
        return new Run(t1 - t0, t2 - t1, t3 - t2, t4 - t3, cpu, allocated, peak, gcMillis() - gcBefore);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                pools.add(p);
            }
        }
        return pools;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static void report(int tasks, long stateBytes, List<Run> runs, long retained, SnapshotHolder holder,
                               Path json) throws IOException {
        long[] total = runs.stream().mapToLong(Run::totalNs).sorted().toArray();
        String jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().toString();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "refresh of %d tasks (%.1f MB state, %d names), %d runs, JVM %s%n",
                tasks, stateBytes / 1e6, holder.current().nameCount(), runs.size(), jvm));
        out.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s %8s%n", "ms", "median", "min", "max", "mean"));
        row(out, "read", runs.stream().mapToLong(Run::readNs).sorted().toArray());
        row(out, "parse", runs.stream().mapToLong(Run::parseNs).sorted().toArray());
        row(out, "build", runs.stream().mapToLong(Run::buildNs).sorted().toArray());
        row(out, "publish", runs.stream().mapToLong(Run::publishNs).sorted().toArray());
        row(out, "total", total);
        row(out, "total cpu", runs.stream().mapToLong(Run::cpuNs).sorted().toArray());
        long alloc = median(runs.stream().mapToLong(Run::allocated).sorted().toArray());
        long peak = runs.stream().mapToLong(Run::peakHeap).max().orElse(0);
        long gc = runs.stream().mapToLong(Run::gcMs).max().orElse(0);
        out.append(String.format(Locale.ROOT,
                "allocated per refresh %.0f MB (median); heap peak during a refresh %.0f MB (max, sum of pool peaks);"
                        + " heap retained after it %.0f MB; GC time in one refresh up to %d ms%n",
                alloc / 1e6, peak / 1048576.0, retained / 1048576.0, gc));
        System.out.print(out);
        if (json != null) {
            String j = String.format(Locale.ROOT, "{\"tasks\":%d,\"stateBytes\":%d,\"names\":%d,\"runs\":%d,"
                            + "\"totalMsMedian\":%.1f,\"totalMsMax\":%.1f,\"threadCpuMsMedian\":%.1f,\"readMsMedian\":%.1f,\"parseMsMedian\":%.1f,"
                            + "\"buildMsMedian\":%.1f,\"publishMsMedian\":%.1f,\"allocatedBytesMedian\":%d,"
                            + "\"peakHeapBytes\":%d,\"retainedHeapBytes\":%d,\"gcMsMax\":%d,\"jvm\":\"%s\"}%n",
                    tasks, stateBytes, holder.current().nameCount(), runs.size(), median(total) / 1e6,
                    total[total.length - 1] / 1e6, median(runs.stream().mapToLong(Run::cpuNs).sorted().toArray()) / 1e6,
                    median(runs.stream().mapToLong(Run::readNs).sorted().toArray()) / 1e6,
                    median(runs.stream().mapToLong(Run::parseNs).sorted().toArray()) / 1e6,
                    median(runs.stream().mapToLong(Run::buildNs).sorted().toArray()) / 1e6,
                    median(runs.stream().mapToLong(Run::publishNs).sorted().toArray()) / 1e6,
                    alloc, peak, retained, gc, jvm.replace("\"", "'"));
            Files.writeString(json, j);
        }
    }

    private static void row(StringBuilder out, String name, long[] sortedNs) {
        out.append(String.format(Locale.ROOT, "%-10s %8.1f %8.1f %8.1f %8.1f%n", name, median(sortedNs) / 1e6,
                sortedNs[0] / 1e6, sortedNs[sortedNs.length - 1] / 1e6, Arrays.stream(sortedNs).average().orElse(0) / 1e6));
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }
}
