package io.lodestar.server.mesos;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Mesos-DNS's way (spec 7): fetch {@code /master/state}, publish, then wait {@code refreshSeconds}, and repeat; never
 * a timer feeding a slow step, so refreshes cannot pile up. The masters are tried in order (the believed leader
 * first, then the others; spec 4.2). A failed refresh is retried with backoff capped at {@code refreshSeconds}. A
 * new leader from the detector starts the next refresh at once. Whatever the outcome, the sink hears of it on the
 * {@code worker} scheduler, never on an HTTP event loop or a timer thread.
 */
public final class PollStateSource implements StateSource {

    /** Fetches the state from one master (the real one is {@link MasterClient#fetchState}). */
    @FunctionalInterface
    public interface Fetcher {
        Mono<MasterClient.Fetched> fetch(String hostPort);
    }

    private final LeaderDetector detector;
    private final Fetcher fetcher;
    private final Duration period;
    private final Backoff backoff;
    private final Scheduler timer;
    private final Scheduler worker;
    /** The master that answered last, asked first with static masters. */
    private volatile String lastLeader = "";
    private int failures;

    /**
     * @param timer  runs the waits ({@code Schedulers.parallel()}; virtual time in tests)
     * @param worker where the sink is called (the bounded refresh scheduler)
     */
    public PollStateSource(LeaderDetector detector, Fetcher fetcher, Duration period, Backoff backoff,
            Scheduler timer, Scheduler worker) {
        this.detector = detector;
        this.fetcher = fetcher;
        this.period = period;
        this.backoff = backoff;
        this.timer = timer;
        this.worker = worker;
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public Mono<Void> run(StateSink sink) {
        return Mono.defer(() -> refresh(sink)).repeat().then();
    }

    /** One refresh and the wait after it; never errors. */
    private Mono<Void> refresh(StateSink sink) {
        Masters masters = detector.current();
        return fetchFirst(candidates(masters))
                .publishOn(worker)
                .flatMap(f -> {
                    lastLeader = f.master();
                    return sink.publish(f.state(), f.master()).thenReturn(true);
                })
                .onErrorResume(e -> {
                    sink.failed(FailureReason.of(e), String.valueOf(e.getMessage()));
                    return Mono.just(false);
                })
                .flatMap(ok -> {
                    failures = ok ? 0 : failures + 1;
                    return waitFor(ok ? period : backoff.delay(failures), masters.version());
                });
    }

    /**
     * The leader the detector names, then the other masters; with static masters the one that answered last comes
     * first, to spare a redirect. While ZooKeeper is down that is the configured masters, in order (spec 3.5).
     */
    private List<String> candidates(Masters masters) {
        return masters.candidatesAfter(detector.detectsLeader() ? "" : lastLeader);
    }

    /** Tries each master in order; the first state wins, else the last failure. */
    private Mono<MasterClient.Fetched> fetchFirst(List<String> candidates) {
        if (candidates.isEmpty()) {
            return Mono.error(new FetchException(FailureReason.NO_LEADER,
                    "no master to ask: no leader is detected (yet) and no masters are configured"));
        }
        Mono<MasterClient.Fetched> chain = Mono.defer(() -> fetcher.fetch(candidates.get(0)));
        for (String next : candidates.subList(1, candidates.size())) {
            chain = chain.onErrorResume(e -> fetcher.fetch(next));
        }
        return chain;
    }

    /** {@code delay}, cut short by a new masters list from the detector. */
    private Mono<Void> waitFor(Duration delay, long seenVersion) {
        return Mono.firstWithSignal(
                Mono.delay(delay, timer).then(),
                detector.changes().filter(m -> m.version() > seenVersion).next().then());
    }
}
