package io.lodestar.mesos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one record of the operator API event stream (JSON, {@code mesos.v1.master.Event}) into an
 * {@link OperatorEvent}. {@code SUBSCRIBED} carries the whole cluster, tens of megabytes on a large one: it is
 * streamed, and each task, agent and framework is read as a small tree and checked on its own, as
 * {@link StateParser} does for {@code /master/state}. Malformed entries are skipped and counted, never fatal.
 */
public final class OperatorEventParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private OperatorEventParser() {
    }

    /** Parses one event; fails only when the record is not a JSON object or lacks the payload its type names. */
    public static OperatorEvent parse(byte[] json) throws StateException {
        try (JsonParser p = JSON.createParser(json)) {
            return parse(p);
        } catch (JsonProcessingException e) {
            throw new StateException("event is not valid JSON: " + e.getOriginalMessage() + StateParser.where(e), e);
        } catch (IOException e) {
            throw new StateException("event could not be read: " + e.getMessage(), e);
        }
    }

    private static OperatorEvent parse(JsonParser p) throws IOException, StateException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new StateException("event is not a JSON object");
        }
        String type = "";
        Map<String, Object> payloads = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> type = value.isScalarValue() ? p.getValueAsString("") : skip(p);
                case "subscribed" -> payloads.put(field, subscribed(p));
                case "task_added", "task_updated", "agent_added", "agent_removed", "framework_added",
                        "framework_updated", "framework_removed" -> payloads.put(field, MAPPER.readTree(p));
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new StateException("event is not valid JSON: unexpected " + p.currentToken());
        }
        if (p.nextToken() != null) {
            throw new StateException("event is not valid JSON: data after the end of the event");
        }
        return switch (type) {
            case "SUBSCRIBED" -> (OperatorEvent.Subscribed) require(payloads, "subscribed", type);
            case "TASK_ADDED" -> taskAdded(tree(payloads, "task_added", type));
            case "TASK_UPDATED" -> taskUpdated(tree(payloads, "task_updated", type));
            case "AGENT_ADDED" -> agentAdded(tree(payloads, "agent_added", type));
            case "AGENT_REMOVED" -> agentRemoved(tree(payloads, "agent_removed", type));
            case "FRAMEWORK_ADDED" -> frameworkUpdated(tree(payloads, "framework_added", type), type);
            case "FRAMEWORK_UPDATED" -> frameworkUpdated(tree(payloads, "framework_updated", type), type);
            case "FRAMEWORK_REMOVED" -> frameworkRemoved(tree(payloads, "framework_removed", type));
            case "HEARTBEAT" -> new OperatorEvent.Heartbeat();
            default -> new OperatorEvent.Ignored(type);
        };
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    private static Object require(Map<String, Object> payloads, String field, String type) throws StateException {
        Object payload = payloads.get(field);
        if (payload == null) {
            throw new StateException(type + " event without " + field);
        }
        return payload;
    }

    private static JsonNode tree(Map<String, Object> payloads, String field, String type) throws StateException {
        Object payload = require(payloads, field, type);
        if (!(payload instanceof JsonNode node) || !node.isObject()) {
            throw new StateException(type + " event: " + field + " is not an object");
        }
        return node;
    }

    private static OperatorEvent taskAdded(JsonNode payload) throws StateException {
        MesosState.Task task = OperatorEntries.task(payload.path("task"), new SkipReport.Collector());
        if (task == null) {
            throw new StateException("TASK_ADDED event: the task lacks an id, state, agent or name");
        }
        return new OperatorEvent.TaskAdded(task);
    }

    private static OperatorEvent taskUpdated(JsonNode payload) throws StateException {
        JsonNode status = payload.path("status");
        String taskId = OperatorEntries.value(status, "task_id");
        String state = Entries.text(payload, "state");
        if (taskId.isEmpty() || state.isEmpty()) {
            throw new StateException("TASK_UPDATED event without status.task_id or state");
        }
        return new OperatorEvent.TaskUpdated(OperatorEntries.value(payload, "framework_id"), taskId, state,
                status.isObject() ? Entries.status(status) : null);
    }

    private static OperatorEvent agentAdded(JsonNode payload) throws StateException {
        MesosState.Agent agent = OperatorEntries.agent(payload.path("agent"), new SkipReport.Collector());
        if (agent == null) {
            throw new StateException("AGENT_ADDED event without agent.agent_info.id");
        }
        return new OperatorEvent.AgentAdded(agent);
    }

    private static OperatorEvent agentRemoved(JsonNode payload) throws StateException {
        String id = OperatorEntries.value(payload, "agent_id");
        if (id.isEmpty()) {
            throw new StateException("AGENT_REMOVED event without agent_id");
        }
        return new OperatorEvent.AgentRemoved(id);
    }

    private static OperatorEvent frameworkUpdated(JsonNode payload, String type) throws StateException {
        MesosState.Framework fw = OperatorEntries.framework(payload.path("framework"), new SkipReport.Collector());
        if (fw == null || fw.id().isEmpty()) {
            throw new StateException(type + " event without framework.framework_info id and name");
        }
        return new OperatorEvent.FrameworkUpdated(fw);
    }

    private static OperatorEvent frameworkRemoved(JsonNode payload) throws StateException {
        String id = OperatorEntries.value(payload.path("framework_info"), "id");
        if (id.isEmpty()) {
            throw new StateException("FRAMEWORK_REMOVED event without framework_info.id");
        }
        return new OperatorEvent.FrameworkRemoved(id);
    }

    /** {@code subscribed}: {@code get_state} streamed entry by entry, the heartbeat interval, the master. */
    private static OperatorEvent.Subscribed subscribed(JsonParser p) throws IOException {
        Snapshot s = new Snapshot();
        objectFields(p, (field, q) -> {
            switch (field) {
                case "get_state" -> objectFields(q, (part, r) -> getState(part, r, s));
                case "heartbeat_interval_seconds" -> s.heartbeat = q.currentToken().isNumeric() ? q.getDoubleValue() : 0;
                case "master_info" -> s.leader = MasterInfo.of(MAPPER.readTree(q)).leaderPid();
                default -> q.skipChildren();
            }
        });
        return new OperatorEvent.Subscribed(s.state(), s.heartbeat);
    }

    private static void getState(String part, JsonParser p, Snapshot s) throws IOException {
        switch (part) {
            case "get_tasks" -> objectFields(p, (f, q) -> {
                if (f.equals("tasks")) {
                    arrayElements(q, n -> add(s.tasks, OperatorEntries.task(n, s.skips)));
                } else {
                    q.skipChildren();
                }
            });
            case "get_frameworks" -> objectFields(p, (f, q) -> {
                if (f.equals("frameworks")) {
                    arrayElements(q, n -> add(s.frameworks, OperatorEntries.framework(n, s.skips)));
                } else {
                    q.skipChildren();
                }
            });
            case "get_agents" -> objectFields(p, (f, q) -> {
                switch (f) {
                    case "agents" -> arrayElements(q, n -> add(s.agents, OperatorEntries.agent(n, s.skips)));
                    case "recovered_agents" -> arrayElements(q, n -> {
                        String id = OperatorEntries.value(n, "id");
                        if (!id.isEmpty()) {
                            s.recovered.add(id);
                        }
                    });
                    default -> q.skipChildren();
                }
            });
            default -> p.skipChildren();
        }
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    /** What a SUBSCRIBED event holds while it is being read. */
    private static final class Snapshot {
        final List<MesosState.Agent> agents = new ArrayList<>();
        final List<MesosState.Framework> frameworks = new ArrayList<>();
        final List<MesosState.Task> tasks = new ArrayList<>();
        final List<String> recovered = new ArrayList<>();
        final SkipReport.Collector skips = new SkipReport.Collector();
        String leader = "";
        double heartbeat;

        MesosState state() {
            return ClusterView.assemble(leader, agents, frameworks, tasks, recovered, skips);
        }
    }

    private interface FieldHandler {
        /** Handles one field; the parser is on its value, which the handler must consume. */
        void field(String name, JsonParser p) throws IOException;
    }

    private interface NodeHandler {
        void element(JsonNode node);
    }

    /** Calls {@code handler} for each field of the object the parser is on; any other value is skipped. */
    private static void objectFields(JsonParser p, FieldHandler handler) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            handler.field(name, p);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unexpected end of input inside an object");
        }
    }

    /** Reads each element of the array the parser is on as a small tree; any other value is skipped. */
    private static void arrayElements(JsonParser p, NodeHandler handler) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            handler.element(MAPPER.readTree(p));
        }
    }
}
