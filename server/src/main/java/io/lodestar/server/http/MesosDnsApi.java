package io.lodestar.server.http;

import io.lodestar.config.Config;
import io.lodestar.dns.Snapshot;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.Version;
import io.lodestar.server.metrics.LodestarMetrics;
import reactor.core.scheduler.Scheduler;

/**
 * The handlers of the Mesos-DNS routes (spec section 10). Each reads the published snapshot once; before the first
 * one, the routes that need records answer 503 (Mesos-DNS does not listen at all then). {@code /v1/axfr} and
 * {@code /v1/enumerate} come from a per-snapshot cache rendered on {@code worker}.
 */
final class MesosDnsApi {
    private static final String NOT_READY = "no records published yet";

    private final Config config;
    private final SnapshotHolder holder;
    private final LodestarMetrics metrics;
    private final Lookups lookups;
    private final byte[] version;
    private final SnapshotJsonCache axfr;
    private final SnapshotJsonCache enumerate;

    MesosDnsApi(Config config, SnapshotHolder holder, LodestarMetrics metrics, Scheduler worker) {
        this.config = config;
        this.holder = holder;
        this.metrics = metrics;
        this.lookups = new Lookups(config.domainFqdn());
        this.version = MesosDnsJson.version(Version.current());
        this.axfr = new SnapshotJsonCache(s -> MesosDnsJson.axfr(config, s), worker);
        this.enumerate = new SnapshotJsonCache(MesosDnsJson::enumerate, worker);
    }

    Reply version() {
        return Reply.json(200, version);
    }

    /** Small and changing only with the serial: written per request. */
    Reply config() {
        return Reply.json(200, MesosDnsJson.config(config, holder.serial()));
    }

    Reply hosts(String name) {
        Snapshot snapshot = holder.current();
        if (snapshot == null) {
            return notReady();
        }
        Lookups.Result r = lookups.hosts(snapshot.records(), name);
        metrics.httpLookup(false, r.inDomain(), r.hit());
        return Reply.json(200, r.json());
    }

    Reply services(String name) {
        Snapshot snapshot = holder.current();
        if (snapshot == null) {
            return notReady();
        }
        Lookups.Result r = lookups.services(snapshot.records(), name);
        metrics.httpLookup(true, r.inDomain(), r.hit());
        return Reply.json(200, r.json());
    }

    Reply axfr() {
        Snapshot snapshot = holder.current();
        return snapshot == null ? notReady() : Reply.json(axfr.get(snapshot));
    }

    Reply enumerate() {
        Snapshot snapshot = holder.current();
        return snapshot == null ? notReady() : Reply.json(enumerate.get(snapshot));
    }

    private static Reply notReady() {
        return Reply.json(503, GoJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("error", NOT_READY);
            json.writeEndObject();
        }));
    }
}
