package io.lodestar.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lodestar.config.Config;
import io.lodestar.dns.Snapshot;
import io.lodestar.records.RecordSet;
import io.lodestar.server.Version;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.status.Readiness;
import io.lodestar.server.status.SourceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Lodestar's own routes: {@code /health} (the process runs), {@code /ready} (200 or 503 with the reason, from
 * {@link Readiness}), {@code /metrics} (scraped on {@code worker}: process meters may read files), {@code /status}
 * (what the status page shows) and {@code /} (the page itself, loaded once).
 */
final class StatusApi {
    static final String PAGE_RESOURCE = "io/lodestar/server/http/status.html";
    private static final byte[] HEALTHY = GoJson.write(json -> {
        json.writeStartObject();
        json.writeStringField("status", "up");
        json.writeEndObject();
    });

    private final Config config;
    private final Readiness readiness;
    private final LodestarMetrics metrics;
    private final Scheduler worker;
    private final byte[] page;

    StatusApi(Config config, Readiness readiness, LodestarMetrics metrics, Scheduler worker) {
        this.config = config;
        this.readiness = readiness;
        this.metrics = metrics;
        this.worker = worker;
        this.page = loadPage();
    }

    private static byte[] loadPage() {
        try (InputStream in = StatusApi.class.getClassLoader().getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE_RESOURCE + " is missing from this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply health() {
        return Reply.json(200, HEALTHY);
    }

    Reply ready() {
        Readiness.Report report = readiness.check();
        return Reply.json(report.ready() ? 200 : 503, GoJson.write(json -> {
            json.writeStartObject();
            writeReport(json, report);
            json.writeEndObject();
        }));
    }

    /** The ready report plus what the status page shows: version, domain, record counts. */
    Reply status() {
        Readiness.Report report = readiness.check();
        Snapshot snapshot = report.snapshot();
        return Reply.json(200, GoJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("version", Version.current());
            json.writeStringField("domain", config.domainFqdn());
            json.writeBooleanField("enumeration", config.enumerationOn());
            writeReport(json, report);
            json.writeObjectFieldStart("records");
            if (snapshot != null) {
                RecordSet records = snapshot.records();
                json.writeNumberField("A", records.countA());
                json.writeNumberField("AAAA", records.countAaaa());
                json.writeNumberField("SRV", records.countSrv());
            }
            json.writeEndObject();
            json.writeNumberField("names", snapshot == null ? 0 : snapshot.nameCount());
            json.writeEndObject();
        }));
    }

    private void writeReport(JsonGenerator json, Readiness.Report report) throws IOException {
        SourceStatus source = report.status();
        json.writeBooleanField("ready", report.ready());
        json.writeStringField("reason", report.reason());
        json.writeStringField("source", source.source());
        json.writeStringField("leader", source.leader());
        json.writeNumberField("serial", report.snapshot() == null ? 0 : report.snapshot().serial());
        json.writeFieldName("ageSeconds");
        if (report.ageSeconds() < 0) {
            json.writeNull();
        } else {
            json.writeNumber(report.ageSeconds());
        }
        json.writeNumberField("stalenessLimitSeconds", readiness.staleness().getSeconds());
        json.writeStringField("lastSuccess", text(source.lastSuccess()));
        json.writeStringField("failure", source.failure());
        json.writeStringField("failingSince", text(source.failingSince()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    Reply metrics() {
        Mono<byte[]> body = Mono.fromCallable(() -> metrics.scrape().getBytes(StandardCharsets.UTF_8))
                .subscribeOn(worker);
        return new Reply(200, LodestarMetrics.CONTENT_TYPE, body, null);
    }

    Reply page() {
        return new Reply(200, Reply.HTML, Mono.just(page), null);
    }
}
