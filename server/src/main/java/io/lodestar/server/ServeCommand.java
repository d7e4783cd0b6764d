package io.lodestar.server;

import io.lodestar.config.Config;
import io.lodestar.config.ConfigException;
import io.lodestar.config.ConfigLoader;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import io.lodestar.server.dns.DnsServer;
import io.lodestar.server.http.HttpApi;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.refresh.LiveRefresh;
import io.lodestar.server.status.Readiness;
import io.lodestar.server.status.SourceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lodestar serve} (the default command): loads the config, publishes the records of the Mesos state and
 * serves them over DNS and HTTP until the process is stopped. The HTTP API (with {@code /health}, {@code /ready} and
 * {@code /metrics}) listens from the start; as in Mesos-DNS the DNS ports open only after the first good state,
 * unless {@code servfailBeforeReady}. {@code -demo} serves the embedded demo cluster on
 * {@value #DEMO_LISTENER}:{@value #DEMO_PORT} without any config file.
 *
 * <p>Exit codes: 2 for a config error (one line on stderr), 1 when a port cannot be bound or the state source is
 * unusable; {@link #run} returns -1 while serving, and SIGTERM stops the server through a shutdown hook.
 */
public final class ServeCommand {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    static final String DEMO_RESOURCE = "io/lodestar/demo/demo-state.json";
    static final String DEMO_LISTENER = "127.0.0.1";
    static final int DEMO_PORT = 8053;
    private static final Duration STATE_FILE_CHECK = Duration.ofSeconds(1);

    private final PrintStream out;
    private final PrintStream err;
    private final IntConsumer exit;
    private Running running;
    private Thread shutdownHook;

    /** {@code exit} ends the process when serving fails after {@link #run} returned (a late bind failure). */
    public ServeCommand(PrintStream out, PrintStream err, IntConsumer exit) {
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    /** Runs {@code serve}; returns an exit code, or -1 while the server runs. */
    public int run(Cli cli) {
        Config config;
        byte[] demoState = null;
        if (cli.demo()) {
            demoState = demoState();
            if (demoState == null) {
                err.println("lodestar: the demo state (" + DEMO_RESOURCE + ") is missing from this build");
                return 1;
            }
            config = demoConfig();
        } else {
            try {
                config = ConfigLoader.load(Path.of(cli.config()), w -> err.println("lodestar: warning: " + w));
            } catch (ConfigException e) {
                err.println("lodestar: " + e.getMessage());
                return 2;
            }
        }
        Running started;
        try {
            started = serve(config, demoState);
        } catch (BindException e) {
            err.println("lodestar: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("lodestar: " + (demoState != null ? "cannot load the demo state: " : "cannot start: ")
                    + e.getMessage());
            return 1;
        }
        running = started;
        shutdownHook = new Thread(() -> {
            started.close();
            out.println("lodestar: stopped");
        }, "lodestar-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        exitZeroOnSigterm();
        printStatus(config, started, cli.demo());
        return -1;
    }

    /**
     * Starts serving {@code fixedState}, or else the config's state file. Throws {@link BindException} when a port
     * cannot be bound, or what loading {@code fixedState} threw; nothing is left running then.
     */
    Running serve(Config config, byte[] fixedState) throws Exception {
        Running r = new Running(config, err, exit);
        try {
            r.start(fixedState);
            return r;
        } catch (Exception e) {
            r.close();
            throw e;
        }
    }

    /**
     * SIGTERM is how supervisors (systemd, Marathon, Docker) stop a service: exit with status 0 after the shutdown
     * hook has stopped the server, instead of the JVM's 143. Where the signal cannot be handled the hook still runs.
     */
    private static void exitZeroOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.debug("SIGTERM cannot be handled here; the JVM's default exit status applies", e);
        }
    }

    /** Stops what {@link #run} started, as SIGTERM would (for tests; the process relies on the shutdown hook). */
    void stop() {
        if (running == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it closes the server itself.
        }
        running.close();
        running = null;
    }

    private void printStatus(Config config, Running started, boolean demo) {
        printDnsStatus(config, started);
        InetSocketAddress http = started.httpAddress();
        if (http != null) {
            String base = "http://" + hostPort(config.httpListener(), http.getPort());
            out.println("lodestar: serving HTTP on " + base + "/ (status page; /v1/..., /health, /ready, /metrics)");
        }
        if (demo && started.records() != null && started.server().udpPort() >= 0) {
            out.print(DemoHelp.text(started.records(), config, started.server().udpPort(), http == null ? -1 : http.getPort()));
        }
    }

    private void printDnsStatus(Config config, Running started) {
        DnsServer server = started.server();
        if (!config.dnsOn()) {
            out.println("lodestar: DNS is off (dnsOn: false)");
            return;
        }
        if (server.udpPort() < 0) {
            out.println("lodestar: waiting for a good state " + started.source() + "; DNS opens on "
                    + hostPort(config.listener(), config.port()) + " after it");
            return;
        }
        out.println("lodestar: serving DNS for " + config.domainFqdn() + " on "
                + hostPort(config.listener(), server.udpPort()) + " (udp: " + server.udpSocketCount() + " socket(s), "
                + (server.isNative() ? "epoll" : "nio") + "; tcp: port " + server.tcpPort() + ")");
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The demo's configuration: loopback only, port {@value #DEMO_PORT}, every other key at its default. */
    static Config demoConfig() {
        // No forwarding: the demo answers its own zone and refuses other names, so it sends nothing off this machine.
        return Config.builder().listener(DEMO_LISTENER).port(DEMO_PORT).httpListener(DEMO_LISTENER).externalOn(false)
                .build();
    }

    /** The embedded demo state, or null when this build lacks it. */
    static byte[] demoState() {
        try (InputStream in = ServeCommand.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The serving process: snapshot holder, metrics, HTTP API, DNS server and state source. Records are built and
     * published on the thread that loads them (the caller first, then the state-file thread; the refresh workers for
     * live state from {@code masters}/{@code zk}), never on an event loop.
     */
    static final class Running implements AutoCloseable {
        private final Config config;
        private final PrintStream err;
        private final IntConsumer exit;
        private final SnapshotHolder holder = new SnapshotHolder();
        private final StateRecords stateRecords;
        private final LodestarMetrics metrics = new LodestarMetrics();
        private final DnsServer server;
        private final HttpApi http;
        /** The state file's or the demo's status; null while serving live state. */
        private volatile LocalSourceStatus local;
        private StateFileWatcher watcher;
        private volatile LiveRefresh live;
        /** Holds the JVM up while live state is awaited: every thread of the pipeline is a daemon. */
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile RecordSet records;
        private volatile boolean listening;
        private volatile boolean startedUp;
        private boolean closed;

        Running(Config config, PrintStream err, IntConsumer exit) {
            this.config = config;
            this.err = err;
            this.exit = exit;
            this.stateRecords = new StateRecords(config);
            this.server = new DnsServer(config, new QueryProcessor(holder, config), metrics.queryStats());
            metrics.bindDns(server);
            this.http = config.httpOn() ? new HttpApi(config, holder, readiness(), metrics) : null;
        }

        private Readiness readiness() {
            Readiness readiness = new Readiness(holder, this::sourceStatus,
                    Duration.ofSeconds(config.readyStalenessSeconds()), Clock.systemUTC());
            metrics.bindSnapshots(holder, readiness);
            return readiness;
        }

        /**
         * Loads the first state ({@code fixedState}, or else the config's state file, watched from then on) and
         * binds the DNS ports once there are records, or at once with {@code servfailBeforeReady}.
         */
        void start(byte[] fixedState) throws Exception {
            if (fixedState != null || !config.stateFile().isEmpty()) {
                local = new LocalSourceStatus(fixedState != null ? "embedded demo state"
                        : "state file " + config.stateFile(), config.domainFqdn(), metrics, Clock.systemUTC());
            }
            if (http != null) {
                http.start();
            }
            if (config.servfailBeforeReady()) {
                listen();
            }
            if (fixedState != null) {
                long start = System.nanoTime();
                publish(stateRecords.build(fixedState), start);
                listen();
                return;
            }
            if (config.stateFile().isEmpty()) {
                startLive();
                return;
            }
            watcher = new StateFileWatcher(Path.of(config.stateFile()), config.stateMaxBytes(), STATE_FILE_CHECK,
                    this::reload, local::failed);
            if (watcher.loadNow()) {
                listen();
            }
            startedUp = true;
            watcher.start();
        }

        /** Live state from the masters (issue 4): the ports open after the first published snapshot. */
        private void startLive() throws IOException {
            LiveRefresh created = LiveRefresh.create(config, holder);
            metrics.bindRefresher(created.refresher());
            live = created;
            Thread keepAlive = new Thread(() -> {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lodestar-live");
            keepAlive.start();
            startedUp = true;
            live.refresher().firstPublish().subscribe(serial -> openAfterFirstState());
            live.start();
        }

        private void openAfterFirstState() {
            try {
                listen();
            } catch (BindException e) {
                err.println("lodestar: " + e.getMessage());
                exit.accept(1);
            }
        }

        /** What {@code /ready}, the status page and the metrics say of the state source. */
        private SourceStatus sourceStatus() {
            LiveRefresh l = live;
            if (l != null) {
                return SourceStatus.of(l.refresher().status());
            }
            LocalSourceStatus s = local;
            return s != null ? s.get() : new SourceStatus("starting", null, null, null, null);
        }

        /** Where the state comes from, for the start-up line. */
        String source() {
            if (!config.stateFile().isEmpty()) {
                return "in " + config.stateFile();
            }
            return "from " + (config.zk().isEmpty() ? "masters " + config.masters() : config.zk()
                    + (config.masters().isEmpty() ? "" : " (masters " + config.masters() + " while it is down)"))
                    + " (" + config.stateSource() + ")";
        }

        /** The live refresh pipeline, or null when serving a file or the demo. */
        LiveRefresh live() {
            return live;
        }

        private void publish(RecordSet built, long start) {
            if (holder.publish(built, config, Instant.now().getEpochSecond())) {
                records = built;
                log.info("records: published {}", built);
            }
            local.loaded(built, System.nanoTime() - start);
        }

        /**
         * A new state file version. Once start-up is over, the first good state also opens the ports; a bind
         * failure then comes after run() returned, so it ends the process.
         */
        private void reload(InputStream state) throws Exception {
            long start = System.nanoTime();
            publish(stateRecords.build(state), start);
            if (listening || !startedUp) {
                return;
            }
            try {
                listen();
            } catch (BindException e) {
                err.println("lodestar: " + e.getMessage());
                exit.accept(1);
            }
        }

        private synchronized void listen() throws BindException {
            if (listening || closed || !config.dnsOn()) {
                return;
            }
            server.start();
            listening = true;
        }

        DnsServer server() {
            return server;
        }

        /** Where the HTTP API listens, or null when it is off or not started. */
        InetSocketAddress httpAddress() {
            return http == null ? null : http.address();
        }

        /** True while the state file fails to load (the last good records are served). */
        boolean watcherFailing() {
            return watcher != null && watcher.failing();
        }

        /** The records last published, or null before the first. */
        RecordSet records() {
            return records;
        }

        /** Stops the state source and the server; bounded, idempotent. */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            if (watcher != null) {
                watcher.close();
            }
            if (live != null) {
                live.close();
            }
            stopped.countDown();
            server.close();
            if (http != null) {
                http.close();
            }
            stateRecords.close();
            metrics.close();
        }
    }
}
