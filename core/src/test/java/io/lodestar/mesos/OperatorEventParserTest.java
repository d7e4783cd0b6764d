package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorEventParserTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = OperatorEventParserTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    private static OperatorEvent parse(String json) throws StateException {
        return OperatorEventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void subscribedGivesTheWholeClusterWithMalformedEntriesSkipped() throws Exception {
        OperatorEvent.Subscribed s = (OperatorEvent.Subscribed) OperatorEventParser.parse(resource("subscribed.json"));

        assertThat(s.heartbeatIntervalSeconds()).isEqualTo(15.0);
        MesosState state = s.state();
        assertThat(state.leader()).isEmpty();
        assertThat(state.agents()).extracting(MesosState.Agent::id).containsExactly("agent-1", "agent-2");
        assertThat(state.agents().get(0).pid()).isEqualTo(new Pid("slave(1)", "10.0.1.1", 5051));
        assertThat(state.recoveredAgentIds()).containsExactly("agent-3");
        assertThat(state.frameworks()).hasSize(1);
        MesosState.Framework marathon = state.frameworks().get(0);
        assertThat(marathon.name()).isEqualTo("marathon");
        assertThat(marathon.pid()).isNull();
        assertThat(marathon.hostname()).isEqualTo("10.0.0.11");
        assertThat(marathon.tasks()).extracting(MesosState.Task::id).containsExactly("web.1a2b", "db.3c4d");

        MesosState.Task web = marathon.tasks().get(0);
        assertThat(web.state()).isEqualTo("TASK_RUNNING");
        assertThat(web.agentId()).isEqualTo("agent-1");
        assertThat(web.frameworkId()).isEqualTo("fw-marathon");
        assertThat(web.ports()).containsExactly(31000, 31001);
        assertThat(web.statuses()).hasSize(2);
        assertThat(web.statuses().get(1).networkInfos().get(0).ipAddresses()).containsExactly("10.8.0.5");
        assertThat(web.discovery().ports()).extracting(MesosState.DiscoveryPort::number).containsExactly(8080);
        assertThat(web.labels()).containsExactly(new MesosState.Label("team", "web"));
        assertThat(state.skipped().counts()).containsOnlyKeys("task: missing id", "task: framework not in state");
    }

    @Test
    void masterInfoInSubscribedNamesTheLeader() throws Exception {
        OperatorEvent e = parse("""
                {"type":"SUBSCRIBED","subscribed":{"master_info":{"id":"m","pid":"master@10.0.0.12:5050",
                 "address":{"ip":"10.0.0.12","port":5050}},"get_state":{}}}""");
        assertThat(((OperatorEvent.Subscribed) e).state().leader()).isEqualTo("master@10.0.0.12:5050");
        assertThat(((OperatorEvent.Subscribed) e).heartbeatIntervalSeconds()).isZero();
    }

    @Test
    void taskUpdatedIsPartialAndNamesTheTaskThroughItsStatus() throws Exception {
        OperatorEvent e = parse("""
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"fw-marathon"},"state":"TASK_RUNNING",
                 "status":{"task_id":{"value":"db.3c4d"},"state":"TASK_RUNNING","timestamp":1700000002.0,
                  "container_status":{"network_infos":[{"ip_addresses":[{"ip_address":"10.8.0.6"}]}]}}}}""");
        OperatorEvent.TaskUpdated u = (OperatorEvent.TaskUpdated) e;
        assertThat(u.frameworkId()).isEqualTo("fw-marathon");
        assertThat(u.taskId()).isEqualTo("db.3c4d");
        assertThat(u.state()).isEqualTo("TASK_RUNNING");
        assertThat(u.status().networkInfos().get(0).ipAddresses()).containsExactly("10.8.0.6");
    }

    @Test
    void theOtherEventsOfTheStream() throws Exception {
        assertThat(parse("""
                {"type":"TASK_ADDED","task_added":{"task":{"name":"api","task_id":{"value":"api.1"},
                 "framework_id":{"value":"fw"},"agent_id":{"value":"agent-1"},"state":"TASK_STAGING"}}}"""))
                .isInstanceOfSatisfying(OperatorEvent.TaskAdded.class, a -> assertThat(a.task().id()).isEqualTo("api.1"));
        assertThat(parse("""
                {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":{"hostname":"h","id":{"value":"agent-4"}},
                 "pid":"slave(1)@10.0.1.4:5051","active":true,"version":"1.11.0"}}}"""))
                .isEqualTo(new OperatorEvent.AgentAdded(new MesosState.Agent("agent-4",
                        new Pid("slave(1)", "10.0.1.4", 5051), "h")));
        assertThat(parse("{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{\"agent_id\":{\"value\":\"agent-4\"}}}"))
                .isEqualTo(new OperatorEvent.AgentRemoved("agent-4"));
        assertThat(parse("""
                {"type":"FRAMEWORK_ADDED","framework_added":{"framework":{"framework_info":{"name":"chronos",
                 "id":{"value":"fw-c"},"hostname":"10.0.0.13"},"active":true,"connected":true,"recovered":false}}}"""))
                .isEqualTo(new OperatorEvent.FrameworkUpdated(new MesosState.Framework("fw-c", "chronos", null,
                        "10.0.0.13", List.of())));
        assertThat(parse("""
                {"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":{"framework_info":{"name":"chronos",
                 "id":{"value":"fw-c"}}}}}""")).isInstanceOf(OperatorEvent.FrameworkUpdated.class);
        assertThat(parse("""
                {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":{"name":"chronos","id":{"value":"fw-c"}}}}"""))
                .isEqualTo(new OperatorEvent.FrameworkRemoved("fw-c"));
        assertThat(parse("{\"type\":\"HEARTBEAT\"}")).isEqualTo(new OperatorEvent.Heartbeat());
        assertThat(parse("{\"type\":\"OPERATION_UPDATED\",\"operation_updated\":{}}"))
                .isEqualTo(new OperatorEvent.Ignored("OPERATION_UPDATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"type\":\"HEARTBEAT\"", "{\"type\":\"HEARTBEAT\"} {}",
            "{\"type\":\"TASK_ADDED\"}", "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"name\":\"x\"}}}",
            "{\"type\":\"TASK_UPDATED\",\"task_updated\":{\"state\":\"TASK_RUNNING\"}}",
            "{\"type\":\"AGENT_REMOVED\",\"agent_removed\":[]}", "{\"type\":\"SUBSCRIBED\"}"})
    void anEventThatCannotBeUsedFails(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(StateException.class);
    }

    /** Jackson's constraint errors carry no location; naming one threw before (the StateParser finding, here too). */
    @Test
    void anEventNestedTooDeeplyFailsWithAStateException() {
        String deep = "{\"type\":\"TASK_ADDED\",\"task_added\":" + "[".repeat(100);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(deep)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("event is not valid JSON: Document nesting depth");
    }
}
