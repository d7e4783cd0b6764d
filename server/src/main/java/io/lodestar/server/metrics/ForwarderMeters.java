package io.lodestar.server.metrics;

import io.lodestar.server.forward.Forwarder;
import io.lodestar.server.forward.ForwarderCounters;
import io.lodestar.server.forward.Upstream;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The forwarder's meters, read at scrape time from its {@link ForwarderCounters} and from each configured
 * {@link Upstream} (tag {@code upstream}, an {@code ip:port} from the configuration: a fixed list), and each
 * upstream's reply time histogram ({@code lodestar_forward_duration_seconds}, per-thread buckets).
 */
final class ForwarderMeters {
    private ForwarderMeters() {
    }

    static void bind(MeterRegistry registry, PrometheusRegistry prometheus, Forwarder forwarder) {
        ForwarderCounters c = forwarder.counters();
        counter(registry, "lodestar.forward.requests", c, ForwarderCounters::forwarded,
                "Queries outside the domain taken over by the forwarder (cache hits and cap rejections included)");
        counter(registry, "lodestar.forward.relayed", c, ForwarderCounters::relayed,
                "Queries answered with an upstream's reply (from the cache included)");
        counter(registry, "lodestar.forward.relayed.truncated", c, ForwarderCounters::relayedTruncated,
                "Relayed replies cut by whole records, with TC, to fit the client's size limit");
        counter(registry, "lodestar.forward.servfail", c, ForwarderCounters::failed,
                "Queries that got SERVFAIL (or the last upstream error reply) because every upstream failed");
        counter(registry, "lodestar.forward.refused", c, ForwarderCounters::refused,
                "Queries outside the domain refused: client not in allowRecursion, no upstream, or a zone transfer");
        counter(registry, "lodestar.forward.rejected", c, ForwarderCounters::capRejected,
                "Queries answered SERVFAIL at once because forwardMaxInFlight queries were in flight");
        attemptFailures(registry, c, "timeout", ForwarderCounters::attemptTimeouts);
        attemptFailures(registry, c, "error", ForwarderCounters::attemptErrors);
        attemptFailures(registry, c, "error_rcode", ForwarderCounters::attemptErrorRcodes);
        counter(registry, "lodestar.forward.tcp.retries", c, ForwarderCounters::tcpRetries,
                "Truncated UDP replies asked again over TCP");
        counter(registry, "lodestar.forward.dropped.replies", c, ForwarderCounters::unmatchedReplies,
                "Upstream replies dropped because they matched no query in flight (spoofs, late duplicates)");
        counter(registry, "lodestar.forward.late.replies", c, ForwarderCounters::lateReplies,
                "Replies that came after their attempt timed out, while the query was still open, and were used");
        counter(registry, "lodestar.forward.probes", c, ForwarderCounters::probes,
                "Copies of client queries sent to a failing upstream to learn whether it answers again");
        counter(registry, "lodestar.forward.cache.hits", c, ForwarderCounters::cacheHits,
                "Forwarded queries answered from the reply cache");
        counter(registry, "lodestar.forward.cache.misses", c, ForwarderCounters::cacheMisses,
                "Forwarded queries not found in the reply cache");
        counter(registry, "lodestar.forward.errors", c, ForwarderCounters::errors,
                "Unexpected errors on the upstream sockets");
        Gauge.builder("lodestar.forward.in.flight", c, ForwarderCounters::inFlight)
                .description("Forwarded queries waiting for an upstream now").register(registry);
        for (Upstream u : forwarder.upstreams()) {
            String tag = hostPort(u.address());
            FunctionCounter.builder("lodestar.forward.upstream.answers", u, Upstream::answers).tag("upstream", tag)
                    .description("Replies received in time from an upstream (any rcode)").register(registry);
            FunctionCounter.builder("lodestar.forward.upstream.failures", u, Upstream::failures).tag("upstream", tag)
                    .description("Attempts at an upstream that timed out or failed").register(registry);
            Gauge.builder("lodestar.forward.upstream.up", u, x -> x.failing() ? 0 : 1).tag("upstream", tag)
                    .description("1 while an upstream answers in time, 0 while it is failing (tried last)")
                    .register(registry);
        }
        List<Upstream> upstreams = List.copyOf(forwarder.upstreams());
        if (upstreams.isEmpty()) {
            return;
        }
        prometheus.register(new DurationCollector("lodestar_forward_duration_seconds",
                "Time from sending an attempt to an upstream until its reply is accepted, by upstream", "upstream",
                upstreams.stream().map(u -> hostPort(u.address())).toList(), upstreams.get(0).latency().boundsNanos(),
                new DurationCollector.Source() {
                    @Override
                    public long bucket(int series, int bucket) {
                        return upstreams.get(series).latency().bucket(bucket);
                    }

                    @Override
                    public long sumNanos(int series) {
                        return upstreams.get(series).latency().sumNanos();
                    }
                }));
    }

    private static void counter(MeterRegistry registry, String name, ForwarderCounters counters,
                                ToDoubleFunction<ForwarderCounters> value, String description) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }

    private static void attemptFailures(MeterRegistry registry, ForwarderCounters counters, String reason,
                                        ToDoubleFunction<ForwarderCounters> value) {
        FunctionCounter.builder("lodestar.forward.failures", counters, value).tag("reason", reason)
                .description("Attempts at one upstream that failed, by reason (the next upstream is tried)")
                .register(registry);
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
