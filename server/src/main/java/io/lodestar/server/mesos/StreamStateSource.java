package io.lodestar.server.mesos;

import io.lodestar.config.Config;
import io.lodestar.mesos.ClusterView;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.OperatorEvent;
import io.lodestar.mesos.OperatorEventParser;
import io.lodestar.mesos.StateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The step beyond Mesos-DNS: follows the leader's operator API event stream ({@code POST /api/v1 SUBSCRIBE}) and
 * folds every event into a {@link ClusterView}, so that a task is answerable within a fraction of a second of
 * turning {@code TASK_RUNNING} instead of up to {@code refreshSeconds} later.
 *
 * <p>One connection at a time: records are parsed and folded on the worker scheduler; snapshot swaps are coalesced
 * (the first change publishes at once, later ones at most every {@code streamCoalesceMillis}); a full reconciliation
 * by {@code /master/state} runs right after {@code SUBSCRIBED} and every {@code streamReconcileSeconds}. The stream
 * counts as dead after three missed heartbeats (or no {@code SUBSCRIBED} within {@code stateTimeoutSeconds}), when
 * it ends, or when the detector names another leader; it is then reopened with jittered backoff, asking the detector
 * for the leader again. Events that cannot be read are skipped and counted; only an unreadable {@code SUBSCRIBED}
 * drops the connection.
 */
public final class StreamStateSource implements StateSource {
    private static final Logger log = LoggerFactory.getLogger(StreamStateSource.class);
    /** Heartbeats missed before the stream counts as dead. */
    static final int MISSED_HEARTBEATS = 3;

    /** Opens the event stream of one master (the real one is {@link MasterClient#subscribe}). */
    @FunctionalInterface
    public interface Subscriber {
        Flux<byte[]> subscribe(String hostPort, Consumer<String> connected);
    }

    private final LeaderDetector detector;
    private final Subscriber subscriber;
    private final PollStateSource.Fetcher fetcher;
    private final Duration subscribeTimeout;
    private final Duration coalesce;
    private final Duration reconcileEvery;
    private final Backoff backoff;
    private final Scheduler timer;
    private final Scheduler worker;
    private final ClusterView view = new ClusterView();
    private volatile String lastLeader = "";
    private volatile long skippedEvents;
    /** Failed connections in a row; reset by a SUBSCRIBED. Touched from several workers, one at a time. */
    private final AtomicInteger failures = new AtomicInteger();
    /** Subscriptions a master accepted (2xx), since start. */
    private final AtomicLong opened = new AtomicLong();

    /** A source as the config says, on {@code client}. */
    public StreamStateSource(LeaderDetector detector, MasterClient client, Config config, Scheduler timer,
            Scheduler worker) {
        this(detector, client::subscribe, client::fetchState, Duration.ofSeconds(config.stateTimeoutSeconds()),
                Duration.ofMillis(config.streamCoalesceMillis()), Duration.ofSeconds(config.streamReconcileSeconds()),
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(Math.min(30, config.refreshSeconds())), 0.5),
                timer, worker);
    }

    /**
     * @param reconcileEvery zero for no reconciliation at all
     * @param timer          runs timeouts and waits ({@code Schedulers.parallel()}; virtual time in tests)
     * @param worker         parses and folds events and calls the sink
     */
    public StreamStateSource(LeaderDetector detector, Subscriber subscriber, PollStateSource.Fetcher fetcher,
            Duration subscribeTimeout, Duration coalesce, Duration reconcileEvery, Backoff backoff, Scheduler timer,
            Scheduler worker) {
        this.detector = detector;
        this.subscriber = subscriber;
        this.fetcher = fetcher;
        this.subscribeTimeout = subscribeTimeout;
        this.coalesce = coalesce;
        this.reconcileEvery = reconcileEvery;
        this.backoff = backoff;
        this.timer = timer;
        this.worker = worker;
    }

    @Override
    public String name() {
        return "stream";
    }

    /** Events that could not be read and were skipped, since start. */
    public long skippedEvents() {
        return skippedEvents;
    }

    /** Times a master accepted the subscription again after the stream's first connection ended. */
    @Override
    public long reconnects() {
        return Math.max(0, opened.get() - 1);
    }

    @Override
    public Mono<Void> run(StateSink sink) {
        return Mono.defer(() -> session(sink)
                        .publishOn(worker)
                        .onErrorResume(e -> {
                            failures.incrementAndGet();
                            sink.failed(FailureReason.of(e), String.valueOf(e.getMessage()));
                            return Mono.just(false);
                        }))
                .flatMap(leaderChanged -> leaderChanged ? Mono.<Void>empty()
                        : Mono.delay(backoff.delay(Math.max(1, failures.get())), timer).then())
                .repeat()
                .then();
    }

    /** What one connection knows while it lasts. */
    private static final class Connection {
        final AtomicReference<String> master = new AtomicReference<>();
        final AtomicReference<Duration> silence;
        final Sinks.Empty<Void> subscribed = Sinks.empty();
        volatile boolean subscribedYet;

        Connection(Duration first) {
            silence = new AtomicReference<>(first);
        }
    }

    /**
     * One connection, from subscribing to its end. Completes with true when the detector named another leader (go
     * again at once); errors when the stream failed or ended.
     */
    private Mono<Boolean> session(StateSink sink) {
        Masters masters = detector.current();
        List<String> candidates = candidates(masters);
        if (candidates.isEmpty()) {
            return Mono.error(new FetchException(FailureReason.NO_LEADER,
                    "no master to subscribe to: no leader is detected (yet) and no masters are configured"));
        }
        Connection c = new Connection(subscribeTimeout);
        // The silence is timed after folding, so that the heartbeat interval of SUBSCRIBED applies from its end.
        Flux<Boolean> eventTicks = subscribeFirst(candidates, c)
                .publishOn(worker, 32)
                .map(record -> fold(record, c))
                .timeout(Mono.delay(subscribeTimeout, timer), changed -> silence(c))
                .onErrorMap(TimeoutException.class, e -> dead(c))
                .filter(Boolean::booleanValue)
                .concatWith(Mono.error(() -> new FetchException(FailureReason.STREAM_LOST,
                        "the master " + c.master.get() + " ended the event stream")));
        Flux<Boolean> reconcileTicks = reconcileEvery.isZero() ? Flux.empty()
                : c.subscribed.asMono().thenMany(reconciliations(c));
        // A leader elsewhere ends this connection; "no leader" (ZooKeeper lost) does not: the stream tells by itself.
        Mono<Masters> newLeader = detector.changes()
                .filter(m -> m.version() > masters.version() && !m.leader().isEmpty()
                        && !m.leader().equals(c.master.get()))
                .next();
        return eventTicks.mergeWith(reconcileTicks)
                .onBackpressureLatest()
                .concatMap(tick -> publish(sink, c).then(Mono.delay(coalesce, timer)), 0)
                .then(Mono.just(false))
                .or(newLeader.map(m -> {
                    log.info("stream: the detector names a new leader {}; resubscribing", m.leader());
                    return true;
                }));
    }

    /**
     * The leader the detector names, then the other masters; with static masters the one that answered last comes
     * first, to spare a redirect. While ZooKeeper is down that is the configured masters, in order (spec 3.5).
     */
    private List<String> candidates(Masters masters) {
        return masters.candidatesAfter(detector.detectsLeader() ? "" : lastLeader);
    }

    /** Tries each master in order until one accepts the subscription; failures after that end the connection. */
    private Flux<byte[]> subscribeFirst(List<String> candidates, Connection c) {
        Consumer<String> connected = master -> {
            c.master.set(master);
            lastLeader = master;
            opened.incrementAndGet();
        };
        Flux<byte[]> chain = Flux.defer(() -> subscriber.subscribe(candidates.get(0), connected));
        for (String next : candidates.subList(1, candidates.size())) {
            chain = chain.onErrorResume(e -> c.master.get() == null, e -> subscriber.subscribe(next, connected));
        }
        return chain;
    }

    private Mono<Long> silence(Connection c) {
        Duration d = c.silence.get();
        return d.isZero() ? Mono.never() : Mono.delay(d, timer);
    }

    private FetchException dead(Connection c) {
        if (!c.subscribedYet) {
            return new FetchException(FailureReason.TIMEOUT, "no SUBSCRIBED event from "
                    + (c.master.get() == null ? "any master" : c.master.get()) + " within "
                    + subscribeTimeout.toSeconds() + " s (stateTimeoutSeconds)");
        }
        return new FetchException(FailureReason.STREAM_LOST, "no event from " + c.master.get() + " for "
                + c.silence.get().toMillis() + " ms: " + MISSED_HEARTBEATS + " heartbeats missed");
    }

    /** Parses one record and folds it into the view; returns whether the view changed. On the worker. */
    private boolean fold(byte[] record, Connection c) {
        OperatorEvent event;
        try {
            event = OperatorEventParser.parse(record);
        } catch (StateException e) {
            return skipOrFail(e, c);
        }
        boolean changed;
        synchronized (view) {
            if (event instanceof OperatorEvent.Subscribed s) {
                view.leader("master@" + c.master.get());
                double hb = s.heartbeatIntervalSeconds();
                c.silence.set(hb > 0 ? Duration.ofMillis(Math.round(hb * 1000 * MISSED_HEARTBEATS)) : Duration.ZERO);
            }
            changed = view.apply(event);
        }
        if (event instanceof OperatorEvent.Subscribed s) {
            failures.set(0);
            c.subscribedYet = true;
            log.info("stream: subscribed to {}: {} agents, {} frameworks, heartbeat every {} s", c.master.get(),
                    s.state().agents().size(), s.state().frameworks().size(), s.heartbeatIntervalSeconds());
            c.subscribed.tryEmitEmpty();
        }
        return changed;
    }

    private boolean skipOrFail(StateException e, Connection c) {
        if (!c.subscribedYet) {
            throw Exceptions.propagate(e); // no usable SUBSCRIBED: drop the connection
        }
        long n = ++skippedEvents;
        if (n == 1 || Long.bitCount(n) == 1) {
            log.warn("stream: skipped an event that cannot be used ({} so far): {}", n, e.getMessage());
        }
        return false;
    }

    /** Reconciliations by {@code /master/state}: now, then every {@code reconcileEvery}. */
    private Flux<Boolean> reconciliations(Connection c) {
        return Mono.defer(() -> reconcile(c)).concatWith(Mono.delay(reconcileEvery, timer).then(Mono.empty()))
                .repeat();
    }

    private Mono<Boolean> reconcile(Connection c) {
        synchronized (view) {
            view.beginReconcile();
        }
        return fetcher.fetch(c.master.get())
                .map(f -> {
                    synchronized (view) {
                        return view.reconcile(f.state());
                    }
                })
                .doOnCancel(() -> {
                    synchronized (view) {
                        view.abortReconcile(); // the connection ended meanwhile
                    }
                })
                .onErrorResume(e -> {
                    synchronized (view) {
                        view.abortReconcile();
                    }
                    log.warn("stream: reconciliation by /master/state from {} failed ({}); the event-built view"
                            + " stays", c.master.get(), e.getMessage());
                    return Mono.just(false);
                })
                .filter(Boolean::booleanValue);
    }

    /** Publishes the view as it is now, on the worker. */
    private Mono<Void> publish(StateSink sink, Connection c) {
        return Mono.defer(() -> {
            MesosState state;
            synchronized (view) {
                state = view.snapshot();
            }
            return sink.publish(state, c.master.get());
        }).subscribeOn(worker);
    }
}
