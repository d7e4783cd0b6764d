package io.lodestar.server.http;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.EnumFramework;
import io.lodestar.records.RecordSet.EnumRecord;
import io.lodestar.records.RecordSet.EnumTask;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.status.Readiness;
import io.lodestar.server.status.SourceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A running {@link HttpApi} on 127.0.0.1 (port 0) over a known zone, with a source status and a clock the test sets,
 * BlockHound watching its event loops, and a plain {@link HttpClient} to talk to it.
 */
final class HttpFixture implements AutoCloseable {
    static final long SERIAL = 1_700_000_000L;
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final String SOURCE = "state file /tmp/state.json";

    final Config config;
    final SnapshotHolder holder = new SnapshotHolder();
    final LodestarMetrics metrics = new LodestarMetrics();
    final Readiness readiness;
    final HttpApi api;
    volatile SourceStatus status = new SourceStatus(SOURCE, null, null, null, null);
    volatile Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** A started API with the test config; nothing published yet. */
    HttpFixture() {
        this(config().build());
    }

    HttpFixture(Config config) {
        BlockHoundSupport.install();
        this.config = config;
        this.readiness = new Readiness(holder, () -> status, Duration.ofSeconds(config.readyStalenessSeconds()),
                new Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return clock.instant();
                    }
                });
        metrics.bindSnapshots(holder, readiness);
        this.api = new HttpApi(config, holder, readiness, metrics);
        try {
            api.start();
        } catch (java.net.BindException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test config: loopback, free ports, a few non-default values to see in /v1/config. */
    static Config.Builder config() {
        return Config.builder().listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0)
                .masters(List.of("10.0.0.10:5050")).resolvers(List.of("8.8.8.8", "1.1.1.1:53"))
                .zoneResolvers(java.util.Map.of("zeta.example", List.of("10.9.9.9"), "alpha.example",
                        List.of("10.8.8.8:5353")))
                .mesosCredentials(new Config.Credentials("lodestar", "s3cret"))
                .file("/etc/mesos-dns/config.json");
    }

    /** The known zone: a task with two A values and an SRV, an IPv6 task, a framework without tasks. */
    static RecordSet records() {
        return RecordSet.builder()
                .addA("leader.mesos.", "10.0.0.10")
                .addA("web.marathon.mesos.", "10.0.0.1")
                .addA("web.marathon.mesos.", "10.0.0.2")
                .addA("web-a1-s1.marathon.slave.mesos.", "10.0.1.1")
                .addAaaa("v6.marathon.mesos.", "fd00::1")
                .addAaaa("web-b2-s2.marathon.slave.mesos.", "fd00::2")
                .addA("both.marathon.slave.mesos.", "10.0.1.3")
                .addAaaa("both.marathon.slave.mesos.", "fd00::3")
                .addSrv("_web._tcp.marathon.mesos.", "web-a1-s1.marathon.slave.mesos.", 31000)
                .addSrv("_web._tcp.marathon.mesos.", "web-b2-s2.marathon.slave.mesos.", 31001)
                .addSrv("_web._tcp.marathon.mesos.", "nowhere.marathon.slave.mesos.", 31002)
                .addSrv("_web._tcp.marathon.mesos.", "both.marathon.slave.mesos.", 31003)
                .enumeration(List.of(
                        new EnumFramework("marathon", List.of(
                                new EnumTask("web", "web.1", List.of(
                                        new EnumRecord("web.marathon.mesos.", "10.0.0.1", "A"),
                                        new EnumRecord("_web._tcp.marathon.mesos.",
                                                "web-a1-s1.marathon.slave.mesos.:31000", "SRV"))),
                                new EnumTask("v6", "v6.1", List.of()))),
                        new EnumFramework("idle", List.of())))
                .build();
    }

    void publish(RecordSet records) {
        holder.publish(records, config, SERIAL);
    }

    /** The source confirmed the records at {@code at}; the clock reads {@code now}. */
    void confirmed(Instant at, Instant now) {
        status = new SourceStatus(SOURCE, "10.0.0.10", at, null, null);
        clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.address().getPort() + path);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        metrics.close();
    }
}
