package io.lodestar.mesos;

import static io.lodestar.mesos.JsonValues.nextField;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the agents, frameworks and tasks of a {@code /master/state} document from a stream, one entry at a time and
 * without building a tree, checking each as {@link Entries} checks a tree: an entry that lacks what it needs is
 * skipped and counted with the same reason. Fields may come in any order (the checks run at an entry's end) and a
 * repeated field counts once, with its last value, as in a tree. Statuses, DiscoveryInfo and labels are read by
 * {@link TaskPartsReader}.
 */
final class StateEntryReader {
    private final JsonParser p;
    private final SkipReport.Collector skips;
    private final TaskPartsReader parts;

    StateEntryReader(JsonParser p, SkipReport.Collector skips) {
        this.p = p;
        this.skips = skips;
        this.parts = new TaskPartsReader();
    }

    /** One element of {@code slaves}, or null when it is skipped. */
    MesosState.Agent agent() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            skips.skip("agent: not an object", null);
            return null;
        }
        String id = "";
        String pid = "";
        String hostname = "";
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "id" -> id = parts.text(p);
                case "pid" -> pid = parts.text(p);
                case "hostname" -> hostname = parts.text(p);
                default -> p.skipChildren();
            }
        }
        if (id.isEmpty()) {
            skips.skip("agent: missing id", null);
            return null;
        }
        Pid parsed = null;
        if (pid.isEmpty()) {
            skips.skip("agent: missing pid", id);
        } else {
            parsed = Pid.parse(pid);
            if (parsed == null) {
                skips.skip("agent: malformed pid", id);
            }
        }
        return new MesosState.Agent(id, parsed, hostname);
    }

    /**
     * One element of {@code frameworks} with its tasks, or null when it is skipped. Its tasks' skips count only when
     * the framework is kept (a framework without a name is skipped whole), so they wait for the framework's end.
     */
    MesosState.Framework framework() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            skips.skip("framework: not an object", null);
            return null;
        }
        String id = "";
        String name = "";
        String pid = "";
        String hostname = "";
        List<MesosState.Task> tasks = List.of();
        SkipReport.Collector taskSkips = null;
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "id" -> id = parts.text(p);
                case "name" -> name = parts.text(p);
                case "pid" -> pid = parts.text(p);
                case "hostname" -> hostname = parts.text(p);
                case "tasks" -> {
                    taskSkips = new SkipReport.Collector();
                    tasks = tasks(taskSkips);
                }
                default -> p.skipChildren();
            }
        }
        if (name.isEmpty()) {
            skips.skip("framework: missing name", id.isEmpty() ? null : id);
            return null;
        }
        Pid parsed = null;
        if (!pid.isEmpty()) {
            parsed = Pid.parse(pid);
            if (parsed == null) {
                skips.skip("framework: malformed pid", name);
            }
        }
        if (taskSkips != null) {
            skips.addAll(taskSkips.report());
        }
        return new MesosState.Framework(id, name, parsed, hostname, withFrameworkId(tasks, id));
    }

    /** One element of {@code recovered_slaves}: its id, or "". */
    String recoveredAgentId() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return "";
        }
        String id = "";
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("id")) {
                id = parts.text(p);
            } else {
                p.skipChildren();
            }
        }
        return id;
    }

    /** A framework's {@code tasks}: only an array holds tasks. */
    private List<MesosState.Task> tasks(SkipReport.Collector taskSkips) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<MesosState.Task> tasks = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            MesosState.Task task = task(taskSkips);
            if (task != null) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** A task; its {@code frameworkId} is "" when it names none ({@link #withFrameworkId} fills it in). */
    private MesosState.Task task(SkipReport.Collector taskSkips) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            taskSkips.skip("task: not an object", null);
            return null;
        }
        String id = "";
        String name = "";
        String frameworkId = "";
        String slaveId = "";
        String agentId = "";
        String state = "";
        String ports = "";
        List<MesosState.Status> statuses = List.of();
        TaskPartsReader.Discovery discovery = null;
        List<MesosState.Label> labels = List.of();
        boolean healthCheck = false;
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "id" -> id = parts.uniqueText(p);
                case "name" -> name = parts.text(p);
                case "framework_id" -> frameworkId = parts.text(p);
                case "slave_id" -> slaveId = parts.text(p);
                case "agent_id" -> agentId = parts.text(p);
                case "state" -> state = parts.text(p);
                case "resources" -> ports = resourcePorts();
                case "statuses" -> statuses = parts.statuses(p);
                case "discovery" -> discovery = parts.discovery(p);
                case "labels" -> labels = parts.labels(p);
                case "health_check" -> {
                    healthCheck = p.currentToken() == JsonToken.START_OBJECT;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (id.isEmpty()) {
            taskSkips.skip("task: missing id", null);
            return null;
        }
        if (state.isEmpty()) {
            taskSkips.skip("task: missing state", id);
            return null;
        }
        String agent = slaveId.isEmpty() ? agentId : slaveId;
        if (agent.isEmpty()) {
            taskSkips.skip("task: missing slave_id", id);
            return null;
        }
        MesosState.Discovery info = null;
        if (discovery != null) {
            for (int i = 0; i < discovery.malformedPorts(); i++) {
                taskSkips.skip("task: malformed discovery port", id);
            }
            info = discovery.info();
        }
        if (name.isEmpty() && info == null) {
            taskSkips.skip("task: missing name", id);
            return null;
        }
        return new MesosState.Task(id, name, frameworkId, agent, state, PortRanges.parse(ports, id, taskSkips),
                statuses, info, labels, healthCheck);
    }

    /** {@code resources.ports}, the text of the port ranges, or "". */
    private String resourcePorts() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return "";
        }
        String ports = "";
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("ports")) {
                ports = parts.text(p);
            } else {
                p.skipChildren();
            }
        }
        return ports;
    }

    /** The tasks with the framework's id where they name none (the id may come after the tasks). */
    private static List<MesosState.Task> withFrameworkId(List<MesosState.Task> tasks, String frameworkId) {
        if (frameworkId.isEmpty()) {
            return tasks;
        }
        for (int i = 0; i < tasks.size(); i++) {
            MesosState.Task t = tasks.get(i);
            if (t.frameworkId().isEmpty()) {
                tasks.set(i, new MesosState.Task(t.id(), t.name(), frameworkId, t.agentId(), t.state(), t.ports(),
                        t.statuses(), t.discovery(), t.labels(), t.healthCheck()));
            }
        }
        return tasks;
    }
}
