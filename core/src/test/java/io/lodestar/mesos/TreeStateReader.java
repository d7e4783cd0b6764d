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
import java.util.List;

/**
 * The state parser as it was before it streamed tasks: each agent and framework read as a whole JSON tree and
 * checked with {@link Entries}. Kept as the oracle of {@link StreamedStateMatchesTreeTest}; not used by the server.
 */
final class TreeStateReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private TreeStateReader() {
    }

    static MesosState parse(byte[] json) throws StateException {
        try (JsonParser p = JSON.createParser(json)) {
            return parse(p);
        } catch (JsonProcessingException e) {
            throw new StateException("state is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StateException("state could not be read: " + e.getMessage(), e);
        }
    }

    private static MesosState parse(JsonParser p) throws IOException, StateException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new StateException("state is not a JSON object");
        }
        String leader = "";
        List<MesosState.Agent> agents = new ArrayList<>();
        List<MesosState.Framework> frameworks = new ArrayList<>();
        List<String> recovered = new ArrayList<>();
        SkipReport.Collector skips = new SkipReport.Collector();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "leader" -> leader = value == JsonToken.VALUE_STRING ? p.getText() : "";
                case "slaves" -> forEachElement(p, value, node -> {
                    MesosState.Agent a = agent(node, skips);
                    if (a != null) {
                        agents.add(a);
                    }
                });
                case "frameworks" -> forEachElement(p, value, node -> {
                    MesosState.Framework f = framework(node, skips);
                    if (f != null) {
                        frameworks.add(f);
                    }
                });
                case "recovered_slaves" -> forEachElement(p, value, node -> {
                    String id = node.path("id").asText("");
                    if (!id.isEmpty()) {
                        recovered.add(id);
                    }
                });
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new StateException("state is not valid JSON: unexpected " + p.currentToken());
        }
        if (p.nextToken() != null) {
            throw new StateException("state is not valid JSON: data after the end of the document");
        }
        if (leader.isEmpty()) {
            throw new StateException("state does not contain leader information");
        }
        return new MesosState(leader, agents, frameworks, recovered, skips.report());
    }

    private interface NodeConsumer {
        void accept(JsonNode node);
    }

    private static void forEachElement(JsonParser p, JsonToken value, NodeConsumer consumer) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            consumer.accept(MAPPER.readTree(p));
        }
    }
    static MesosState.Agent agent(JsonNode n, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("agent: not an object", null);
            return null;
        }
        String id = Entries.text(n, "id");
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
        return new MesosState.Agent(id, pid, Entries.text(n, "hostname"));
    }

    static MesosState.Framework framework(JsonNode n, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("framework: not an object", null);
            return null;
        }
        String name = Entries.text(n, "name");
        String id = Entries.text(n, "id");
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
        return new MesosState.Framework(id, name, pid, Entries.text(n, "hostname"), tasks);
    }

    static MesosState.Task task(JsonNode n, String frameworkId, SkipReport.Collector skips) {
        if (!n.isObject()) {
            skips.skip("task: not an object", null);
            return null;
        }
        String id = Entries.text(n, "id");
        if (id.isEmpty()) {
            skips.skip("task: missing id", null);
            return null;
        }
        String state = Entries.text(n, "state");
        if (state.isEmpty()) {
            skips.skip("task: missing state", id);
            return null;
        }
        String agentId = Entries.text(n, "slave_id");
        if (agentId.isEmpty()) {
            agentId = Entries.text(n, "agent_id");
        }
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
        List<Integer> ports = PortRanges.parse(n.path("resources").path("ports").asText(""), id, skips);
        List<MesosState.Status> statuses = new ArrayList<>();
        for (JsonNode s : n.path("statuses")) {
            if (s.isObject()) {
                statuses.add(Entries.status(s));
            }
        }
        String fwId = Entries.text(n, "framework_id");
        return new MesosState.Task(id, name, fwId.isEmpty() ? frameworkId : fwId, agentId, state, ports, statuses,
                discovery, Entries.labels(n.path("labels")), n.path("health_check").isObject());
    }
}
