package io.lodestar.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one agent, framework or task of a state document into its model, checking each field; an entry that
 * lacks what it needs is skipped and counted with a short reason. Reasons are a fixed set, so they can be metric
 * labels.
 */
final class Entries {
    /** The most ports one task may publish; a range beyond it (never seen from Mesos) is cut and counted. */
    static final int MAX_PORTS_PER_TASK = 1024;

    private Entries() {
    }

    static MesosState.Agent agent(JsonNode n, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("agent: not an object", null);
            return null;
        }
        String id = text(n, "id");
        if (id.isEmpty()) {
            skips.skip("agent: missing id", null);
            return null;
        }
        Pid pid = null;
        JsonNode pidNode = n.get("pid");
        if (pidNode == null || pidNode.isNull() || pidNode.asText("").isEmpty()) {
            skips.skip("agent: missing pid", id);
        } else {
            pid = Pid.parse(pidNode.asText());
            if (pid == null) {
                skips.skip("agent: malformed pid", id);
            }
        }
        return new MesosState.Agent(id, pid, text(n, "hostname"));
    }

    static MesosState.Framework framework(JsonNode n, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("framework: not an object", null);
            return null;
        }
        String name = text(n, "name");
        String id = text(n, "id");
        if (name.isEmpty()) {
            skips.skip("framework: missing name", id.isEmpty() ? null : id);
            return null;
        }
        Pid pid = null;
        JsonNode pidNode = n.get("pid");
        if (pidNode != null && !pidNode.isNull() && !pidNode.asText("").isEmpty()) {
            pid = Pid.parse(pidNode.asText());
            if (pid == null) {
                skips.skip("framework: malformed pid", name);
            }
        }
        List<MesosState.Task> tasks = new ArrayList<>();
        JsonNode taskNodes = n.path("tasks");
        if (taskNodes.isArray()) {
            for (JsonNode t : taskNodes) {
                MesosState.Task task = task(t, id, skips);
                if (task != null) {
                    tasks.add(task);
                }
            }
        }
        return new MesosState.Framework(id, name, pid, text(n, "hostname"), tasks);
    }

    static MesosState.Task task(JsonNode n, String frameworkId, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("task: not an object", null);
            return null;
        }
        String id = text(n, "id");
        if (id.isEmpty()) {
            skips.skip("task: missing id", null);
            return null;
        }
        String state = text(n, "state");
        if (state.isEmpty()) {
            skips.skip("task: missing state", id);
            return null;
        }
        String agentId = text(n, "slave_id");
        if (agentId.isEmpty()) {
            agentId = text(n, "agent_id");
        }
        if (agentId.isEmpty()) {
            skips.skip("task: missing slave_id", id);
            return null;
        }
        MesosState.Discovery discovery = discovery(n.path("discovery"), id, skips);
        String name = text(n, "name");
        if (name.isEmpty() && discovery == null) {
            skips.skip("task: missing name", id);
            return null;
        }
        List<Integer> ports = PortRanges.parse(n.path("resources").path("ports").asText(""), id, skips);
        List<MesosState.Status> statuses = new ArrayList<>();
        for (JsonNode s : n.path("statuses")) {
            if (s.isObject()) {
                statuses.add(status(s));
            }
        }
        String fwId = text(n, "framework_id");
        return new MesosState.Task(id, name, fwId.isEmpty() ? frameworkId : fwId, agentId, state, ports, statuses,
                discovery, labels(n.path("labels")), n.path("health_check").isObject());
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
