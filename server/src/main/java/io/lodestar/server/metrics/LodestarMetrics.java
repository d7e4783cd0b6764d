package io.lodestar.server.metrics;

import io.lodestar.dns.Snapshot;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import io.lodestar.server.Version;
import io.lodestar.server.dns.DnsCounters;
import io.lodestar.server.dns.DnsServer;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.refresh.RefreshFailures;
import io.lodestar.server.refresh.Refresher;
import io.lodestar.server.status.Readiness;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Owns the Prometheus registry and every Lodestar meter (names and labels in {@code docs/metrics.md}). Meters are
 * created once, when a component is bound or an enum of tag values is registered at start-up, never per request;
 * tags take values from fixed lists only (protocol, query type, rcode, route, reason), never names or addresses.
 *
 * <p>The DNS query path records into {@link #queryStats()}; the DNS server's own counters, the snapshot and the
 * readiness verdict are read at scrape time through function counters and gauges; the refresh path and the HTTP
 * API, which run at a human rate, call the recording methods here.
 */
public final class LodestarMetrics implements AutoCloseable {
    /** The media type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String[] STATUS_CLASSES = {"2xx", "3xx", "4xx", "5xx"};
    private static final String[] LOOKUP_RESULTS = {"hit", "miss", "outside_domain"};

    private final PrometheusMeterRegistry registry;
    private final PrometheusRegistry prometheus;
    private final QueryStats queryStats = new QueryStats();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Timer refreshDuration;
    private final Counter refreshSuccesses;
    private final Map<Enum<?>, Counter> refreshFailures = new ConcurrentHashMap<>();
    /** Read by the leader change and stream reconnect counters; the bound refresher's, else none (0). */
    private volatile Refresher boundRefresher;
    private final Map<Enum<?>, Counter[]> httpRequests = new ConcurrentHashMap<>();
    private final Counter[] hostLookups = new Counter[LOOKUP_RESULTS.length];
    private final Counter[] serviceLookups = new Counter[LOOKUP_RESULTS.length];

    /** A registry with the JVM and process meters, the DNS query meters, and the refresh and HTTP meters. */
    public LodestarMetrics() {
        prometheus = new PrometheusRegistry();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("lodestar.build.info", () -> 1).tag("version", Version.current())
                .description("Always 1; the version label says which Lodestar runs").register(registry);

        registerQueryMeters();
        refreshDuration = Timer.builder("lodestar.refresh.duration")
                .description("Time of one refresh: fetch or read the state, build the records, publish")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(registry);
        refreshSuccesses = Counter.builder("lodestar.refresh.successes")
                .description("Refreshes that produced records (published, or unchanged)").register(registry);
        FunctionCounter.builder("lodestar.leader.changes", this, m -> m.refresherCount(Refresher::leaderChanges))
                .description("Times the leading Mesos master changed (the first one found counts)").register(registry);
        FunctionCounter.builder("lodestar.event.stream.reconnects", this,
                        m -> m.refresherCount(Refresher::sourceReconnects))
                .description("Times the Mesos operator event stream was opened again after it ended").register(registry);
        for (int i = 0; i < LOOKUP_RESULTS.length; i++) {
            hostLookups[i] = lookupCounter("hosts", LOOKUP_RESULTS[i]);
            serviceLookups[i] = lookupCounter("services", LOOKUP_RESULTS[i]);
        }
    }

    private Counter lookupCounter(String endpoint, String result) {
        return Counter.builder("lodestar.http.lookups").tag("endpoint", endpoint).tag("result", result)
                .description("/v1/hosts and /v1/services lookups by result (Mesos-DNS counts these as requests)")
                .register(registry);
    }

    private void registerQueryMeters() {
        for (int p = 0; p < QueryStats.PROTOCOLS.size(); p++) {
            String protocol = QueryStats.PROTOCOLS.get(p);
            for (int t = 0; t < QueryStats.QTYPES.size(); t++) {
                int pi = p;
                int ti = t;
                FunctionCounter.builder("lodestar.dns.requests", queryStats, s -> s.requests(pi, ti))
                        .tag("protocol", protocol).tag("qtype", QueryStats.QTYPES.get(t))
                        .description("DNS query messages received, by protocol and query type")
                        .register(registry);
            }
            for (int r = 0; r < QueryStats.RCODES.size(); r++) {
                int pi = p;
                int ri = r;
                FunctionCounter.builder("lodestar.dns.responses", queryStats, s -> s.responses(pi, ri))
                        .tag("protocol", protocol).tag("rcode", QueryStats.RCODES.get(r))
                        .description("DNS responses sent, by protocol and response code")
                        .register(registry);
            }
        }
        prometheus.register(new DurationCollector("lodestar_dns_request_duration_seconds",
                "Time from reading a DNS query to having its response ready, by protocol", "protocol",
                QueryStats.PROTOCOLS, QueryStats.BUCKET_BOUNDS_NANOS, new DurationCollector.Source() {
                    @Override
                    public long bucket(int series, int bucket) {
                        return queryStats.durationBucket(series, bucket);
                    }

                    @Override
                    public long sumNanos(int series) {
                        return queryStats.durationSumNanos(series);
                    }
                }));
    }

    private double refresherCount(ToDoubleFunction<Refresher> count) {
        Refresher r = boundRefresher;
        return r == null ? 0 : count.applyAsDouble(r);
    }

    /** Where the DNS query path records each query. */
    public QueryStats queryStats() {
        return queryStats;
    }

    /**
     * Exposes the DNS server's counters (truncation, malformed and dropped messages, TCP connections) and those of
     * its forwarder, when it has one. Call once.
     */
    public void bindDns(DnsServer server) {
        if (server.forwarder() != null) {
            ForwarderMeters.bind(registry, prometheus, server.forwarder());
        }
        DnsCounters c = server.counters();
        dnsCounter("lodestar.dns.responses.truncated", c, DnsCounters::truncated,
                "Responses sent with TC set because the answer did not fit");
        dnsCounter("lodestar.dns.malformed", c, DnsCounters::malformed,
                "Query messages that could not be parsed, answered with FORMERR");
        dnsCounter("lodestar.dns.dropped", c, DnsCounters::dropped,
                "Messages that got no response: shorter than a header, or not a query");
        dnsCounter("lodestar.dns.outside.zone", c, DnsCounters::outsideZone,
                "Queries for names outside the Mesos domain");
        dnsCounter("lodestar.dns.errors", c, DnsCounters::errors,
                "Unexpected errors in the DNS handlers (socket errors, failed writes)");
        dnsCounter("lodestar.dns.tcp.connections", c, DnsCounters::tcpConnections, "TCP connections accepted");
        dnsCounter("lodestar.dns.tcp.connections.rejected", c, DnsCounters::tcpRejected,
                "TCP connections closed on accept because tcpMaxConnections were open");
        dnsCounter("lodestar.dns.tcp.idle.closed", c, DnsCounters::tcpIdleClosed,
                "TCP connections closed after tcpIdleTimeoutSeconds without traffic");
        dnsCounter("lodestar.dns.tcp.bad.frames", c, DnsCounters::tcpBadFrames,
                "TCP connections closed because a frame could not be answered");
        dnsCounter("lodestar.dns.tcp.pipeline.full", c, DnsCounters::tcpPipelineFull,
                "Times a TCP connection had tcpMaxQueriesPerConnection answers waiting, so it was not read");
        dnsCounter("lodestar.dns.rrl.dropped", c, DnsCounters::rrlDropped,
                "UDP responses withheld by response rate limiting");
        dnsCounter("lodestar.dns.rrl.slipped", c, DnsCounters::rrlSlipped,
                "UDP responses that response rate limiting sent truncated instead of withholding them");
        Gauge.builder("lodestar.dns.tcp.connections.open", server, DnsServer::openTcpConnections)
                .description("TCP connections open now").register(registry);
    }

    private void dnsCounter(String name, DnsCounters counters, ToDoubleFunction<DnsCounters> value,
                            String description) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }

    /** Exposes the published snapshot (serial, record counts, names) and the readiness verdict. Call once. */
    public void bindSnapshots(SnapshotHolder holder, Readiness readiness) {
        Gauge.builder("lodestar.ready", readiness, r -> r.check().ready() ? 1 : 0).strongReference(true)
                .description("1 when /ready answers 200, else 0").register(registry);
        Gauge.builder("lodestar.snapshot.age", readiness, r -> seconds(r.check().ageSeconds()))
                .strongReference(true).baseUnit("seconds")
                .description("Seconds since the state source last confirmed the served records (NaN before the first)")
                .register(registry);
        snapshotGauge("lodestar.snapshot.serial", holder, Snapshot::serial, "SOA serial of the served snapshot");
        snapshotGauge("lodestar.snapshot.names", holder, Snapshot::nameCount,
                "Names in the served zone (owners, empty non-terminals and the apex)");
        snapshotGauge("lodestar.snapshot.skipped.records", holder, Snapshot::skippedRecords,
                "Records left out of the served zone because they cannot be served");
        recordGauge(holder, "A", RecordSet::countA);
        recordGauge(holder, "AAAA", RecordSet::countAaaa);
        recordGauge(holder, "SRV", RecordSet::countSrv);
    }

    private void snapshotGauge(String name, SnapshotHolder holder, ToDoubleFunction<Snapshot> value,
                               String description) {
        Gauge.builder(name, holder, h -> {
            Snapshot s = h.current();
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).strongReference(true).description(description).register(registry);
    }

    private void recordGauge(SnapshotHolder holder, String type, ToDoubleFunction<RecordSet> count) {
        Gauge.builder("lodestar.snapshot.records", holder, h -> {
            Snapshot s = h.current();
            return s == null ? Double.NaN : count.applyAsDouble(s.records());
        }).strongReference(true).tag("type", type).description("Records in the served snapshot, by type")
                .register(registry);
    }

    private static double seconds(long seconds) {
        return seconds < 0 ? Double.NaN : seconds;
    }

    /** Creates the refresh failure counters, one per constant of {@code reasons} (tag {@code reason}). At start-up. */
    public void registerRefreshFailureReasons(Class<? extends Enum<?>> reasons) {
        for (Enum<?> reason : reasons.getEnumConstants()) {
            refreshFailures.computeIfAbsent(reason, r -> Counter.builder("lodestar.refresh.failures")
                    .tag("reason", tagValue(r)).description("Refreshes that failed, by reason").register(registry));
        }
    }

    /**
     * Exposes the live refresh's failure counters by {@link FailureReason} (tag {@code reason}), whether a leader is
     * known and whether leader detection is up, its leader changes and event stream reconnects, and records each of
     * its successful refreshes ({@link #refreshSucceeded}). Call once, before the refresher starts, instead of
     * {@link #registerRefreshFailureReasons}.
     */
    public void bindRefresher(Refresher refresher) {
        refresher.onRefreshed(this::refreshSucceeded);
        boundRefresher = refresher;
        RefreshFailures failures = refresher.failures();
        for (FailureReason reason : FailureReason.values()) {
            FunctionCounter.builder("lodestar.refresh.failures", failures, f -> f.count(reason))
                    .tag("reason", tagValue(reason)).description("Refreshes that failed, by reason").register(registry);
        }
        Gauge.builder("lodestar.leader.known", refresher, r -> r.status().leaderKnown() ? 1 : 0)
                .description("1 while a leading Mesos master is known").register(registry);
        Gauge.builder("lodestar.leader.detection.up", refresher, r -> r.status().detectorUp() ? 1 : 0)
                .description("0 while ZooKeeper cannot be reached (the configured masters are used meanwhile)")
                .register(registry);
    }

    /** A refresh produced records in {@code nanos}. */
    public void refreshSucceeded(long nanos) {
        refreshSuccesses.increment();
        refreshDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A refresh failed for a registered {@code reason} after {@code nanos} (0 when it failed before starting). */
    public void refreshFailed(Enum<?> reason, long nanos) {
        Counter c = refreshFailures.get(reason);
        if (c == null) {
            throw new IllegalArgumentException("unregistered refresh failure reason: " + reason);
        }
        c.increment();
        if (nanos > 0) {
            refreshDuration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Creates the HTTP request counters, per constant of {@code routes} (tag {@code route}) and status class. */
    public void registerHttpRoutes(Class<? extends Enum<?>> routes) {
        for (Enum<?> route : routes.getEnumConstants()) {
            httpRequests.computeIfAbsent(route, r -> {
                Counter[] byClass = new Counter[STATUS_CLASSES.length];
                for (int i = 0; i < byClass.length; i++) {
                    byClass[i] = Counter.builder("lodestar.http.requests").tag("route", tagValue(r))
                            .tag("status", STATUS_CLASSES[i])
                            .description("HTTP requests answered, by route and status class").register(registry);
                }
                return byClass;
            });
        }
    }

    /**
     * Exposes the HTTP server's caps: connections open, connections reset over {@code httpMaxConnections}, requests
     * too large. {@code limits} must live as long as the server (the meters hold it weakly).
     */
    public <T> void bindHttpLimits(T limits, java.util.function.ToDoubleFunction<T> open,
                                   java.util.function.ToDoubleFunction<T> rejected,
                                   java.util.function.ToDoubleFunction<T> tooLarge) {
        Gauge.builder("lodestar.http.connections.open", limits, open)
                .description("HTTP connections open now").register(registry);
        FunctionCounter.builder("lodestar.http.connections.rejected", limits, rejected)
                .description("HTTP connections reset on accept because httpMaxConnections were open")
                .register(registry);
        FunctionCounter.builder("lodestar.http.requests.too.large", limits, tooLarge)
                .description("HTTP requests refused because their line or headers exceeded httpMaxRequestBytes")
                .register(registry);
    }

    /** An HTTP request to a registered {@code route} was answered with {@code status}. */
    public void httpRequest(Enum<?> route, int status) {
        Counter[] byClass = httpRequests.get(route);
        if (byClass == null) {
            throw new IllegalArgumentException("unregistered HTTP route: " + route);
        }
        byClass[Math.min(Math.max(status / 100 - 2, 0), STATUS_CLASSES.length - 1)].increment();
    }

    /**
     * A {@code /v1/hosts} ({@code service} false) or {@code /v1/services} lookup: outside the domain, or inside and a
     * hit or a miss.
     */
    public void httpLookup(boolean service, boolean inDomain, boolean hit) {
        Counter[] counters = service ? serviceLookups : hostLookups;
        counters[!inDomain ? 2 : hit ? 0 : 1].increment();
    }

    /** Every meter in Prometheus text format ({@link #CONTENT_TYPE}). May read files (process metrics): off the event loops. */
    public String scrape() {
        return registry.scrape();
    }

    private static String tagValue(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
