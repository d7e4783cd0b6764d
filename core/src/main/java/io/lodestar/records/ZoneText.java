package io.lodestar.records;

import io.lodestar.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders a {@link RecordSet} as RFC 1035 master-file text: one record per line, {@code owner TTL IN TYPE rdata}
 * separated by tabs, each zone's SOA first and the rest of it sorted, so the output is deterministic. A zone file
 * holds one zone: by default the Mesos domain; {@link #render(RecordSet, Config, String, long)} prints every zone
 * at or below another name instead ({@code thisdcos.directory.}, {@code in-addr.arpa.}, {@code arpa.}), one after
 * the other, each with the SOA and NS that come from the config.
 */
public final class ZoneText {
    private ZoneText() {
    }

    /** Every line of the Mesos domain's zone for these records, with the given SOA serial. */
    public static List<String> render(RecordSet records, Config config, long serial) {
        return render(records, config, config.domainFqdn(), serial);
    }

    /**
     * Every line of every zone Lodestar serves at or below {@code under} (a name with or without its trailing
     * dot, any case): forward zones in configuration order, then reverse zones in name order. Empty when there is
     * none.
     */
    public static List<String> render(RecordSet records, Config config, String under, long serial) {
        String top = under.toLowerCase(Locale.ROOT);
        top = top.endsWith(".") ? top : top + ".";
        List<String> apexes = new ArrayList<>();
        for (String apex : Zones.forward(config)) {
            if (Zones.inZone(apex, top)) {
                apexes.add(apex);
            }
        }
        for (String apex : new TreeSet<>(records.ptr().keySet())) {
            if (Zones.inZone(apex, top)) {
                apexes.add(apex);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String apex : apexes) {
            lines.addAll(zone(records, config, apex, serial));
        }
        return lines;
    }

    /** One zone: its SOA, then its NS and records, sorted. */
    private static List<String> zone(RecordSet records, Config config, String apex, long serial) {
        int ttl = config.ttl();
        String mname = config.soaMname().toLowerCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        addAll(lines, records.a(), "A", ttl, apex);
        addAll(lines, records.aaaa(), "AAAA", ttl, apex);
        addAll(lines, records.ptr(), "PTR", ttl, apex);
        for (Map.Entry<String, List<RecordSet.Srv>> e : records.srv().entrySet()) {
            if (inZone(e.getKey(), apex)) {
                for (RecordSet.Srv srv : e.getValue()) {
                    lines.add(line(e.getKey(), ttl, "SRV",
                            "0 " + config.srvRecordDefaultWeight() + " " + srv.port() + " " + srv.target()));
                }
            }
        }
        lines.add(line(apex, ttl, "NS", mname));
        lines.sort(null);
        String soa = line(apex, ttl, "SOA", mname + " " + config.soaRname().toLowerCase(Locale.ROOT) + " " + serial
                + " " + config.soaRefresh() + " " + config.soaRetry() + " " + config.soaExpire() + " "
                + config.soaMinttl());
        lines.add(0, soa);
        return lines;
    }

    /** True when {@code name} is {@code apex} or below it (both lowercase FQDNs). */
    public static boolean inZone(String name, String apex) {
        return Zones.inZone(name, apex);
    }

    private static void addAll(List<String> lines, Map<String, List<String>> values, String type, int ttl, String apex) {
        values.forEach((name, targets) -> {
            if (inZone(name, apex)) {
                for (String value : targets) {
                    lines.add(line(name, ttl, type, value));
                }
            }
        });
    }

    private static String line(String owner, int ttl, String type, String rdata) {
        return owner + "\t" + ttl + "\tIN\t" + type + "\t" + rdata;
    }
}
