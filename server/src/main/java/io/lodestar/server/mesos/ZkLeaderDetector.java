package io.lodestar.server.mesos;

import io.lodestar.config.ZkUrl;
import io.lodestar.mesos.MasterElection;
import io.lodestar.mesos.MasterInfo;
import io.lodestar.mesos.StateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Leader detection through ZooKeeper (spec 3.3) with Apache Curator: a one-shot watch on the children of the Mesos
 * path (classic watches only, so ZooKeeper 3.4 servers work), re-armed at every change; the leader is the
 * {@code json.info_} node with the lowest sequence, its address read from the MasterInfo JSON. The other masters follow
 * in sequence order, so {@code masterN} numbering is stable (QUIRK 13).
 *
 * <p>When ZooKeeper cannot be reached the list falls back to the configured {@code masters} (maybe none) and the
 * detector reports itself down; it reconnects and re-reads forever, with backoff. It never exits the process:
 * where Mesos-DNS exits after {@code zkDetectionTimeout} without a leader, this logs a warning once and goes on.
 * All reads run on one thread of its own.
 */
public final class ZkLeaderDetector implements LeaderDetector {
    private static final Logger log = LoggerFactory.getLogger(ZkLeaderDetector.class);

    private final ZkUrl url;
    private final List<String> fallback;
    private final Duration detectionTimeout;
    private final Duration connectionTimeout;
    private final Backoff backoff;
    private final CuratorFramework client;
    private final ScheduledExecutorService executor;
    private final Sinks.Many<Masters> changes = Sinks.many().replay().latest();
    private final AtomicBoolean evaluationPending = new AtomicBoolean();
    private final Watcher watcher = this::watched;
    private volatile Masters current;
    private volatile boolean closed;
    private long version;
    private int failures;
    private long leaderlessSince;
    private boolean warnedLeaderless;
    private boolean reportedDown;

    /**
     * @param fallback          the configured {@code masters}, used while ZooKeeper is down
     * @param detectionTimeout  {@code zkDetectionTimeout}: how long without a leader before a warning; zero for none
     */
    public ZkLeaderDetector(ZkUrl url, List<String> fallback, Duration detectionTimeout, Duration sessionTimeout,
            Duration connectionTimeout) {
        this.url = url;
        this.fallback = List.copyOf(fallback);
        this.detectionTimeout = detectionTimeout;
        this.connectionTimeout = connectionTimeout;
        this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);
        this.client = CuratorFrameworkFactory.builder()
                .connectString(url.connectString())
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .retryPolicy(new RetryNTimes(1, 100))
                .ensembleTracker(false) // /zookeeper/config is a 3.5 feature; the URL names the servers
                .build();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestar-zk");
            t.setDaemon(true);
            return t;
        });
        this.current = Masters.fallback(this.fallback, false, 0);
    }

    /** Mesos-DNS's timings: a 60 s session (spec 3.3) and a 15 s connection timeout. */
    public ZkLeaderDetector(ZkUrl url, List<String> fallback, Duration detectionTimeout) {
        this(url, fallback, detectionTimeout, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    @Override
    public synchronized void start() {
        if (client.getState() != org.apache.curator.framework.imps.CuratorFrameworkState.LATENT) {
            return;
        }
        publish(current.list(), false);
        client.getConnectionStateListenable().addListener(this::connectionChanged);
        client.start();
        log.info("zk: watching {} for the leading Mesos master", url);
        executor.schedule(() -> {
            if (!client.getZookeeperClient().isConnected()) {
                down("no connection after " + connectionTimeout.toSeconds() + " s");
            }
        }, connectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Masters current() {
        return current;
    }

    @Override
    public Flux<Masters> changes() {
        return changes.asFlux();
    }

    private void connectionChanged(CuratorFramework c, ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                log.info("zk: connected to {}", url.connectString());
                scheduleEvaluation(Duration.ZERO);
            }
            case SUSPENDED, LOST -> down("connection " + state.name().toLowerCase(java.util.Locale.ROOT));
            default -> { }
        }
    }

    private void watched(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None) {
            scheduleEvaluation(Duration.ZERO);
        }
    }

    private void scheduleEvaluation(Duration delay) {
        if (closed || !evaluationPending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(this::evaluate, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            evaluationPending.set(false); // closing
        }
    }

    /** Reads the children and the leader's MasterInfo, re-arming the watch; on the detector's thread. */
    private void evaluate() {
        evaluationPending.set(false);
        if (closed) {
            return;
        }
        if (!client.getZookeeperClient().isConnected()) {
            down("not connected");
            return;
        }
        try {
            List<String> children;
            try {
                children = client.getChildren().usingWatcher(watcher).forPath(url.path());
            } catch (KeeperException.NoNodeException e) {
                client.checkExists().usingWatcher(watcher).forPath(url.path()); // tells us when it appears
                children = List.of();
            }
            failures = 0;
            publish(masters(children), true);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            failures++;
            down(e.getClass().getSimpleName() + ": " + e.getMessage());
            scheduleEvaluation(backoff.delay(failures));
        }
    }

    /** The masters list from the children: leader (or "") first, then the others by sequence. */
    private List<String> masters(List<String> children) throws Exception {
        List<String> contenders = MasterElection.contenders(children);
        if (contenders.isEmpty() && MasterElection.binaryOnly(children)) {
            log.warn("zk: {} holds only binary info_ nodes (Mesos 0.23 or older), which Lodestar does not read",
                    url);
        }
        String leader = null;
        Set<String> others = new LinkedHashSet<>();
        for (String node : contenders) {
            byte[] data;
            try {
                data = client.getData().forPath(url.path() + "/" + node);
            } catch (KeeperException.NoNodeException gone) {
                continue; // its master left since the listing; the watch fires again
            }
            String address;
            try {
                address = MasterInfo.parse(data).address();
            } catch (StateException e) {
                log.warn("zk: {}/{}: {}", url.path(), node, e.getMessage());
                address = "";
            }
            if (leader == null) {
                leader = address; // unreadable: no leader (spec 3.3)
            } else if (!address.isEmpty()) {
                others.add(address);
            }
        }
        List<String> list = new ArrayList<>();
        list.add(leader == null ? "" : leader);
        others.remove(list.get(0));
        list.addAll(others);
        return list;
    }

    /** ZooKeeper cannot be used: fall back to the configured masters; warn once per outage. */
    private synchronized void down(String why) {
        if (closed) {
            return;
        }
        if (current.detectorUp()) {
            publish(Masters.fallback(fallback, false, 0).list(), false);
        }
        if (!reportedDown) {
            reportedDown = true;
            log.warn("zk: ZooKeeper at {} cannot be used ({}); {}; retrying", url.connectString(), why,
                    fallback.isEmpty() ? "no masters are configured to fall back to, so the last records stay"
                            : "asking the configured masters " + fallback + " meanwhile");
        }
    }

    private synchronized void publish(List<String> list, boolean up) {
        if (closed) {
            return;
        }
        if (up && reportedDown) {
            reportedDown = false;
            log.info("zk: ZooKeeper at {} answers again", url.connectString());
        }
        if (list.equals(current.list()) && up == current.detectorUp() && current.version() > 0) {
            return;
        }
        Masters next = new Masters(list, up, ++version);
        Masters before = current;
        current = next;
        changes.tryEmitNext(next);
        if (up && !next.leader().equals(before.leader())) {
            log.info("zk: leading master {}; masters {}", next.leader().isEmpty() ? "unknown" : next.leader(),
                    next.candidates());
        }
        watchLeaderless(up && !next.leader().isEmpty());
    }

    /** Warns once when no leader has been known for {@code zkDetectionTimeout} (Mesos-DNS would exit). */
    private void watchLeaderless(boolean leaderKnown) {
        if (leaderKnown) {
            if (warnedLeaderless) {
                log.info("zk: a leading master is known again");
            }
            leaderlessSince = 0;
            warnedLeaderless = false;
            return;
        }
        if (leaderlessSince != 0 || detectionTimeout.isZero() || closed) {
            return;
        }
        long since = System.nanoTime();
        leaderlessSince = since;
        try {
            executor.schedule(() -> warnIfStillLeaderless(since), detectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the detector is closing
        }
    }

    private synchronized void warnIfStillLeaderless(long since) {
        if (leaderlessSince != since || closed) {
            return;
        }
        warnedLeaderless = true;
        log.warn("zk: no leading Mesos master detected for {} s (zkDetectionTimeout); Mesos-DNS would exit here,"
                + " Lodestar keeps serving the last records and keeps looking", detectionTimeout.toSeconds());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        executor.shutdownNow();
        client.close();
        changes.tryEmitComplete();
    }
}
