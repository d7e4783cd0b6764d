package io.lodestar.server.refresh;

import io.lodestar.config.Config;
import io.lodestar.config.ConfigException;
import io.lodestar.config.ZkUrl;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.mesos.Backoff;
import io.lodestar.server.mesos.LeaderDetector;
import io.lodestar.server.mesos.MasterClient;
import io.lodestar.server.mesos.PollStateSource;
import io.lodestar.server.mesos.StateSource;
import io.lodestar.server.mesos.StaticMasters;
import io.lodestar.server.mesos.StreamStateSource;
import io.lodestar.server.mesos.ZkLeaderDetector;
import io.lodestar.server.state.HostnameResolver;
import io.lodestar.server.state.LocalAddresses;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The live-state pipeline wired from the config, by hand: leader detection ({@code zk} with {@code masters} as
 * fallback, or {@code masters} alone), the master client, the source ({@code stateSource}: poll or stream) and the
 * {@link Refresher} publishing into the snapshot holder. Parsing, folding and building share one bounded scheduler of
 * {@value #WORKERS} threads, so a refresh never competes with the DNS event loops for more than that.
 */
public final class LiveRefresh implements AutoCloseable {
    static final int WORKERS = 2;

    private final Scheduler workers;
    private final HostnameResolver resolver;
    private final MasterClient client;
    private final Refresher refresher;

    private LiveRefresh(Scheduler workers, HostnameResolver resolver, MasterClient client, Refresher refresher) {
        this.workers = workers;
        this.resolver = resolver;
        this.client = client;
        this.refresher = refresher;
    }

    /** Builds the pipeline (nothing runs until {@link #start()}); fails when the TLS or IAM files cannot be used. */
    public static LiveRefresh create(Config config, SnapshotHolder holder) throws IOException {
        Scheduler workers = Schedulers.newBoundedElastic(WORKERS, 1024, "lodestar-refresh");
        HostnameResolver resolver = new HostnameResolver();
        MasterClient client = null;
        try {
            client = new MasterClient(config, workers);
            LeaderDetector detector = detector(config);
            Duration period = Duration.ofSeconds(config.refreshSeconds());
            Duration first = period.compareTo(Duration.ofSeconds(1)) < 0 ? period : Duration.ofSeconds(1);
            StateSource source = config.stateSource().equals("stream")
                    ? new StreamStateSource(detector, client, config, Schedulers.parallel(), workers)
                    : new PollStateSource(detector, client::fetchState, period, new Backoff(first, period, 0.2),
                    Schedulers.parallel(), workers);
            Refresher refresher = new Refresher(config, holder, detector, source, resolver, workers,
                    Clock.systemUTC(), LocalAddresses::nonLoopback);
            return new LiveRefresh(workers, resolver, client, refresher);
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            resolver.close();
            workers.dispose();
            throw e;
        }
    }

    private static LeaderDetector detector(Config config) throws IOException {
        if (config.zk().isEmpty()) {
            return new StaticMasters(config.masters());
        }
        try {
            return new ZkLeaderDetector(ZkUrl.parse(config.zk()), config.masters(),
                    Duration.ofSeconds(config.zkDetectionTimeout()));
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e); // the loader checked it already
        }
    }

    /** Starts detection and refreshing; returns at once. */
    public void start() {
        refresher.start();
    }

    public Refresher refresher() {
        return refresher;
    }

    /** Stops everything it started; bounded. */
    @Override
    public void close() {
        refresher.close();
        client.close();
        resolver.close();
        workers.dispose();
    }
}
