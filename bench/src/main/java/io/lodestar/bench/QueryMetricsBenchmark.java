package io.lodestar.bench;

import io.lodestar.server.metrics.QueryStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one DNS query in the metrics costs, on two threads at once as two event loops would: Lodestar's
 * per-thread {@link QueryStats} against the same meters done the Micrometer way (a counter by query type, a counter
 * by rcode, a timer with a latency histogram), which every thread updates in shared memory. Run with
 * {@code -prof gc} for the allocation per operation:
 *
 * <pre>java -jar bench/target/benchmarks.jar QueryMetricsBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class QueryMetricsBenchmark {
    private static final long NANOS = 12_345;

    private QueryStats stats;
    private PrometheusMeterRegistry registry;
    private Counter requests;
    private Counter responses;
    private Timer duration;

    @Setup(Level.Trial)
    public void setUp() {
        stats = new QueryStats();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        requests = Counter.builder("dns.requests").tag("protocol", "udp").tag("qtype", "A").register(registry);
        responses = Counter.builder("dns.responses").tag("protocol", "udp").tag("rcode", "NOERROR").register(registry);
        duration = Timer.builder("dns.request.duration").tag("protocol", "udp")
                .serviceLevelObjectives(Duration.ofNanos(5_000), Duration.ofNanos(10_000), Duration.ofNanos(25_000),
                        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
                        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
                .register(registry);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    /** Lodestar's path: one thread-local lookup, four plain increments of this thread's own slots. */
    @Benchmark
    public void perThreadQueryStats() {
        stats.record(false, 1, 0, true, NANOS);
    }

    /** The same three meters with Micrometer's counters and timer, shared by both threads. */
    @Benchmark
    public void micrometerMeters() {
        requests.increment();
        responses.increment();
        duration.record(NANOS, TimeUnit.NANOSECONDS);
    }
}
