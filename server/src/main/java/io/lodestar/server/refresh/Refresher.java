package io.lodestar.server.refresh;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.RecoveredAgents;
import io.lodestar.records.BuildContext;
import io.lodestar.records.HostTable;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.LeaderDetector;
import io.lodestar.server.mesos.StateSink;
import io.lodestar.server.mesos.StateSource;
import io.lodestar.server.state.HostnameResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The refresh pipeline: a {@link StateSource} delivers cluster states, and each one is held against failover
 * ({@link RecoveredAgents}), its hostnames are resolved off the event loops, its records are built and compiled on the
 * bounded build scheduler and published with one atomic write ({@link SnapshotHolder#publish}, which publishes
 * nothing when the records did not change). Any failure keeps the last good snapshot: it is counted by reason
 * ({@link RefreshFailures}), logged once per failure streak, and shown in {@link #status()}.
 */
public final class Refresher implements StateSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Refresher.class);
    /** How long one build waits for hostname lookups; names not resolved by then get no records this time. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final Config config;
    private final SnapshotHolder holder;
    private final LeaderDetector detector;
    private final StateSource source;
    private final HostnameResolver resolver;
    private final Scheduler builder;
    private final Clock clock;
    private final Supplier<List<String>> localAddresses;
    private final RecordBuilder records;
    private final RecoveredAgents recovered;
    private final RefreshFailures failures = new RefreshFailures();
    private final AtomicReference<RefreshStatus> status;
    private final Sinks.One<Long> firstPublish = Sinks.one();
    private final LongAdder leaderChanges = new LongAdder();
    /** The last leader named (by the detector, or with static masters by the master that answered); "" for none. */
    private final AtomicReference<String> lastLeader = new AtomicReference<>("");
    private volatile LongConsumer onRefreshed = nanos -> { };
    private Disposable running;
    private Disposable watching;

    /**
     * @param localAddresses this machine's addresses, asked at each build when {@code listener} is a wildcard
     */
    public Refresher(Config config, SnapshotHolder holder, LeaderDetector detector, StateSource source,
            HostnameResolver resolver, Scheduler builder, Clock clock, Supplier<List<String>> localAddresses) {
        this.config = config;
        this.holder = holder;
        this.detector = detector;
        this.source = source;
        this.resolver = resolver;
        this.builder = builder;
        this.clock = clock;
        this.localAddresses = localAddresses;
        this.records = new RecordBuilder(config);
        this.recovered = new RecoveredAgents(config.recoveredAgentGraceSeconds() * 1000L);
        this.status = new AtomicReference<>(RefreshStatus.initial(source.name()));
    }

    /** Starts detection and the source; returns at once. */
    public synchronized void start() {
        if (running != null) {
            return;
        }
        detector.start();
        if (detector.detectsLeader()) {
            watching = detector.changes().subscribe(m -> {
                status.updateAndGet(s -> s.detected(m));
                if (m.detectorUp()) {
                    leaderSeen(m.leader());
                }
            });
        }
        running = source.run(this).subscribe(v -> { },
                e -> log.error("refresh: the pipeline stopped, which it never should", e));
    }

    /** The current status; lock-free. */
    public RefreshStatus status() {
        return status.get();
    }

    public RefreshFailures failures() {
        return failures;
    }

    /**
     * Times the leader changed, since start: each leader the detector names that differs from the last one it named
     * (the first one counts; "no leader" does not, nor does the same leader again after it); with static masters,
     * each time the state comes from another master than the last refresh's.
     */
    public long leaderChanges() {
        return leaderChanges.sum();
    }

    /** Times the source reopened its connection to the master after it ended (the event stream); 0 when polling. */
    public long sourceReconnects() {
        return source.reconnects();
    }

    /**
     * Calls {@code listener} after each successful refresh with its duration in nanoseconds, timed from the start of
     * {@link #publish} (resolve the hostnames, build, publish; the fetch or the event stream before it is not
     * included). Set once, before {@link #start()}; it runs on the refresh scheduler and must not block.
     */
    public void onRefreshed(LongConsumer listener) {
        onRefreshed = listener;
    }

    /** Emits the serial of the first snapshot published, once. */
    public Mono<Long> firstPublish() {
        return firstPublish.asMono();
    }

    @Override
    public Mono<Void> publish(MesosState state, String master) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            List<String> masters = detector.current().list();
            MesosState held = hold(state);
            return Mono.fromFuture(resolver.resolveAll(HostTable.hostnamesIn(held, masters), LOOKUP_TIMEOUT))
                    .publishOn(builder)
                    .map(hosts -> build(held, masters, hosts))
                    .doOnNext(built -> succeeded(master, built, System.nanoTime() - start))
                    .then();
        }).onErrorResume(e -> {
            log.error("refresh: building the records failed", e);
            failed(FailureReason.INTERNAL, "building the records failed: " + e);
            return Mono.empty();
        });
    }

    private MesosState hold(MesosState state) {
        synchronized (recovered) {
            Set<String> before = recovered.held();
            MesosState held = recovered.apply(state, clock.millis());
            if (!recovered.held().equals(before)) {
                if (recovered.held().isEmpty()) {
                    log.info("refresh: no longer holding the records of recovered agents");
                } else {
                    log.info("refresh: the leader lists {} agent(s) as recovered, not yet re-registered; keeping"
                            + " their previous records for up to {} s: {}", recovered.held().size(),
                            config.recoveredAgentGraceSeconds(), recovered.held());
                }
            }
            return held;
        }
    }

    private RecordSet build(MesosState state, List<String> masters, HostTable hosts) {
        String listener = config.listener();
        List<String> local = listener.equals("0.0.0.0") || listener.equals("::") ? localAddresses.get() : List.of();
        RecordSet built = records.build(state, new BuildContext(masters, hosts, local));
        if (holder.publish(built, config, clock.instant().getEpochSecond())) {
            log.debug("refresh: published {} (serial {})", built, holder.serial());
        }
        return built;
    }

    private void succeeded(String master, RecordSet built, long nanos) {
        if (!detector.detectsLeader()) {
            leaderSeen(master);
        }
        onRefreshed.accept(nanos);
        Instant now = clock.instant();
        RefreshStatus before = status.getAndUpdate(s -> s.succeeded(master, now, holder.serial()));
        if (before.failing()) {
            log.info("refresh: state from {} again after {} failed attempt(s) since {}", master,
                    before.consecutiveFailures(), before.failingSince());
        }
        if (!before.published()) {
            log.info("refresh: first records from {}: {} (serial {})", master, built, holder.serial());
            firstPublish.tryEmitValue(holder.serial());
        }
    }

    private void leaderSeen(String leader) {
        if (!leader.isEmpty() && !leader.equals(lastLeader.getAndSet(leader))) {
            leaderChanges.increment();
        }
    }

    @Override
    public void failed(FailureReason reason, String message) {
        failures.increment(reason);
        RefreshStatus after = status.updateAndGet(s -> s.failed(reason, message, clock.instant()));
        if (after.consecutiveFailures() == 1) {
            log.warn("refresh: {} ({}); {}; retrying with backoff", message, reason, after.published()
                    ? "keeping the last good records (serial " + after.serial() + ")" : "nothing to serve yet");
        } else {
            log.debug("refresh: still failing ({} in a row): {} ({})", after.consecutiveFailures(), message, reason);
        }
    }

    /** Stops the source and the detector. */
    @Override
    public synchronized void close() {
        if (running != null) {
            running.dispose();
        }
        if (watching != null) {
            watching.dispose();
        }
        detector.close();
    }
}
