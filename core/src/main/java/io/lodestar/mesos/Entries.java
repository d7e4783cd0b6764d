package io.lodestar.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parts of a task that the operator API and {@code /master/state} share (statuses, DiscoveryInfo, labels)
 * from a JSON tree, checking each field, for {@link OperatorEntries} and {@link MasterInfo}; {@link StateEntryReader}
 * reads a whole state document the same way from a stream. Skip reasons are a fixed set, so they can be metric
 * labels.
 */
final class Entries {
    /** The most ports one task may publish; a range beyond it (never seen from Mesos) is cut and counted. */
    static final int MAX_PORTS_PER_TASK = 1024;

    private Entries() {
    }


    static MesosState.Status status(JsonNode s) {
        List<MesosState.NetworkInfo> infos = new ArrayList<>();
        for (JsonNode ni : s.path("container_status").path("network_infos")) {
            List<String> ips = new ArrayList<>();
            for (JsonNode ip : ni.path("ip_addresses")) {
                String a = ip.path("ip_address").asText("");
                if (!a.isEmpty()) {
                    ips.add(a);
                }
            }
            if (ips.isEmpty()) {
                String legacy = ni.path("ip_address").asText("");
                if (!legacy.isEmpty()) {
                    ips.add(legacy);
                }
            }
            infos.add(new MesosState.NetworkInfo(text(ni, "name"), ips, labels(ni.path("labels"))));
        }
        JsonNode healthy = s.get("healthy");
        return new MesosState.Status(text(s, "state"), s.path("timestamp").asDouble(0),
                healthy != null && healthy.isBoolean() ? healthy.booleanValue() : null,
                labels(s.path("labels")), infos);
    }

    static MesosState.Discovery discovery(JsonNode d, String taskId, SkipReport.Collector skips) {
        if (!d.isObject()) {
            return null;
        }
        String name = text(d, "name");
        if (name.isEmpty()) {
            return null; // a DiscoveryInfo without a name is treated as absent (spec 6.8.1)
        }
        List<MesosState.DiscoveryPort> ports = new ArrayList<>();
        for (JsonNode p : d.path("ports").path("ports")) {
            JsonNode number = p.get("number");
            if (number == null || !number.canConvertToInt() || number.asInt() < 0 || number.asInt() > 65535) {
                skips.skip("task: malformed discovery port", taskId);
                continue;
            }
            ports.add(new MesosState.DiscoveryPort(number.asInt(), text(p, "protocol"), text(p, "name"),
                    labels(p.path("labels"))));
        }
        return new MesosState.Discovery(name, text(d, "visibility"), ports, labels(d.path("labels")));
    }

    /** Labels as Mesos writes them: a list of {key, value}, or an object {"labels": [...]}. */
    static List<MesosState.Label> labels(JsonNode n) {
        JsonNode list = n.isObject() ? n.path("labels") : n;
        if (!list.isArray() || list.isEmpty()) {
            return List.of();
        }
        List<MesosState.Label> out = new ArrayList<>(list.size());
        for (JsonNode l : list) {
            String key = text(l, "key");
            if (!key.isEmpty()) {
                out.add(new MesosState.Label(key, text(l, "value")));
            }
        }
        return out;
    }

    /** A string field, or "" when it is absent, null or not a scalar. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? "" : v.asText();
    }
}
