package io.lodestar.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The v1 operator API's JSON forms of tasks, agents and frameworks (protobuf field names: {@code task_id.value},
 * resources as ranges) turned into the same model {@link Entries} makes from {@code /master/state}. Statuses,
 * DiscoveryInfo and labels have the same shape in both and are read by {@link Entries}.
 */
final class OperatorEntries {
    private OperatorEntries() {
    }

    /** {@code mesos.v1.Task}. */
    static MesosState.Task task(JsonNode n, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("task: not an object", null);
            return null;
        }
        String id = value(n, "task_id");
        if (id.isEmpty()) {
            skips.skip("task: missing id", null);
            return null;
        }
        String state = Entries.text(n, "state");
        if (state.isEmpty()) {
            skips.skip("task: missing state", id);
            return null;
        }
        String agentId = value(n, "agent_id");
        if (agentId.isEmpty()) {
            skips.skip("task: missing slave_id", id);
            return null;
        }
        MesosState.Discovery discovery = Entries.discovery(n.path("discovery"), id, skips);
        String name = Entries.text(n, "name");
        if (name.isEmpty() && discovery == null) {
            skips.skip("task: missing name", id);
            return null;
        }
        List<MesosState.Status> statuses = new ArrayList<>();
        for (JsonNode s : n.path("statuses")) {
            if (s.isObject()) {
                statuses.add(Entries.status(s));
            }
        }
        return new MesosState.Task(id, name, value(n, "framework_id"), agentId, state, ports(n.path("resources"), id,
                skips), statuses, discovery, Entries.labels(n.path("labels")), n.path("health_check").isObject());
    }

    /** {@code Response.GetAgents.Agent}: the pid gives the address, as in {@code /master/state}. */
    static MesosState.Agent agent(JsonNode n, SkipReport.Collector skips) {
        JsonNode info = n.path("agent_info");
        String id = value(info, "id");
        if (id.isEmpty()) {
            skips.skip("agent: missing id", null);
            return null;
        }
        String pidText = Entries.text(n, "pid");
        Pid pid = null;
        if (pidText.isEmpty()) {
            skips.skip("agent: missing pid", id);
        } else {
            pid = Pid.parse(pidText);
            if (pid == null) {
                skips.skip("agent: malformed pid", id);
            }
        }
        return new MesosState.Agent(id, pid, Entries.text(info, "hostname"));
    }

    /** {@code Response.GetFrameworks.Framework}: no pid in this API, so the address is {@code hostname}. */
    static MesosState.Framework framework(JsonNode n, SkipReport.Collector skips) {
        return frameworkInfo(n.path("framework_info"), skips);
    }

    /** {@code FrameworkInfo}. */
    static MesosState.Framework frameworkInfo(JsonNode info, SkipReport.Collector skips) {
        String id = value(info, "id");
        String name = Entries.text(info, "name");
        if (name.isEmpty()) {
            skips.skip("framework: missing name", id.isEmpty() ? null : id);
            return null;
        }
        return new MesosState.Framework(id, name, null, Entries.text(info, "hostname"), List.of());
    }

    /** The {@code value} of an id message such as {@code {"task_id": {"value": "x"}}}, or "". */
    static String value(JsonNode n, String field) {
        return Entries.text(n.path(field), "value");
    }

    /** The port numbers of every {@code ports} resource ({@code RANGES}), in order, capped as {@link PortRanges}. */
    private static List<Integer> ports(JsonNode resources, String taskId, SkipReport.Collector skips) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode r : resources) {
            if (!"ports".equals(Entries.text(r, "name"))) {
                continue;
            }
            for (JsonNode range : r.path("ranges").path("range")) {
                long lo = range.path("begin").asLong(-1);
                long hi = range.path("end").asLong(-1);
                if (lo < 0 || hi < lo || hi > 65535) {
                    skips.skip("task: malformed ports", taskId);
                    continue;
                }
                for (long p = lo; p <= hi; p++) {
                    if (ports.size() >= Entries.MAX_PORTS_PER_TASK) {
                        skips.skip("task: too many ports", taskId);
                        return ports;
                    }
                    ports.add((int) p);
                }
            }
        }
        return ports;
    }
}
