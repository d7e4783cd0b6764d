package io.lodestar.records;

import io.lodestar.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RecordSet} as an RFC 1035 master file: one record per line, {@code owner TTL IN TYPE rdata}
 * separated by tabs, SOA first, then the rest sorted, so the output is deterministic. Only names inside the
 * cluster domain are written (a zone file holds one zone); the apex SOA and NS come from the config.
 */
public final class ZoneText {
    private ZoneText() {
    }

    /** Every line of the zone for these records, with the given SOA serial. */
    public static List<String> render(RecordSet records, Config config, long serial) {
        String apex = config.domainFqdn();
        int ttl = config.ttl();
        List<String> lines = new ArrayList<>();
        addAll(lines, records.a(), "A", ttl, apex);
        addAll(lines, records.aaaa(), "AAAA", ttl, apex);
        for (Map.Entry<String, List<RecordSet.Srv>> e : records.srv().entrySet()) {
            if (inZone(e.getKey(), apex)) {
                for (RecordSet.Srv srv : e.getValue()) {
                    lines.add(line(e.getKey(), ttl, "SRV",
                            "0 " + config.srvRecordDefaultWeight() + " " + srv.port() + " " + srv.target()));
                }
            }
        }
        lines.add(line(apex, ttl, "NS", config.soaMname().toLowerCase(Locale.ROOT)));
        lines.sort(null);
        String soa = line(apex, ttl, "SOA", config.soaMname().toLowerCase(Locale.ROOT) + " "
                + config.soaRname().toLowerCase(Locale.ROOT) + " " + serial + " " + config.soaRefresh() + " "
                + config.soaRetry() + " " + config.soaExpire() + " " + config.soaMinttl());
        lines.add(0, soa);
        return lines;
    }

    /** True when {@code name} is {@code apex} or below it (both lowercase FQDNs). */
    public static boolean inZone(String name, String apex) {
        return name.equals(apex) || name.endsWith("." + apex);
    }

    private static void addAll(List<String> lines, Map<String, List<String>> values, String type, int ttl, String apex) {
        values.forEach((name, ips) -> {
            if (inZone(name, apex)) {
                for (String ip : ips) {
                    lines.add(line(name, ttl, type, ip));
                }
            }
        });
    }

    private static String line(String owner, int ttl, String type, String rdata) {
        return owner + "\t" + ttl + "\tIN\t" + type + "\t" + rdata;
    }
}
