package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateParserTest {

    private static MesosState parse(String json) throws StateException {
        return StateParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"leader\": \"m@1.2.3.4:5050\", \"slaves\": [", "{\"leader\": \"m@1.2.3.4:5050\"} trailing"})
    void aDocumentThatIsNotAJsonObjectFailsAsAWhole(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(StateException.class).hasMessageStartingWith("state ");
    }

    /** Found by StateParserFuzzTest: Jackson's constraint errors carry no location, and naming one threw. */
    @Test
    void aDocumentNestedTooDeeplyOrWithAHugeNumberFailsAsAWhole() {
        String deep = "{\"leader\": \"master@10.0.0.1:5050\", \"slaves\": [{\"x\": " + "[".repeat(100);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("state is not valid JSON: Document nesting depth");
        String huge = "{\"leader\": \"master@10.0.0.1:5050\", \"slaves\": [{\"x\": " + "9".repeat(2000) + "}]}";
        assertThatThrownBy(() -> parse(huge)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("state is not valid JSON: Number value length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"leader\": \"\"}", "{\"leader\": null, \"slaves\": []}", "{\"leader\": 5}"})
    void aDocumentWithoutALeaderFailsAsAWhole(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(StateException.class)
                .hasMessage("state does not contain leader information");
    }

    @Test
    void malformedEntriesAreSkippedAndCountedWhileTheRestIsKept() throws Exception {
        MesosState s = parse("""
                {"leader": "master@10.0.0.1:5050",
                 "slaves": [{"id": "a1", "pid": "slave(1)@10.0.1.1:5051"}, {"id": "a2", "pid": null},
                            {"id": "a3", "pid": "no-at-sign"}, 42, {"pid": "slave(1)@10.0.1.4:5051"}],
                 "frameworks": [
                   {"name": "marathon", "pid": "s@10.0.0.1:8080", "tasks": [
                     {"id": "ok", "name": "ok", "slave_id": "a1", "state": "TASK_RUNNING", "resources": {"ports": "[1-2, x-3, 5]"}},
                     {"name": "no-id", "slave_id": "a1", "state": "TASK_RUNNING"},
                     {"id": "no-state", "name": "x", "slave_id": "a1"},
                     {"id": "no-agent", "name": "x", "state": "TASK_RUNNING"},
                     {"id": "no-name", "slave_id": "a1", "state": "TASK_RUNNING"},
                     {"id": "bad-ports", "name": "x", "slave_id": "a1", "state": "TASK_RUNNING", "resources": {"ports": "31000"}},
                     "a string"]},
                   {"pid": "s@10.0.0.2:8080"},
                   {"name": "bad-pid", "pid": "s@host-without-port", "hostname": "10.0.0.3"}
                 ]}
                """);

        assertThat(s.agents()).extracting(MesosState.Agent::id).containsExactly("a1", "a2", "a3");
        assertThat(s.agents().get(0).pid()).isEqualTo(new Pid("slave(1)", "10.0.1.1", 5051));
        assertThat(s.agents().get(1).pid()).isNull();
        assertThat(s.frameworks()).extracting(MesosState.Framework::name).containsExactly("marathon", "bad-pid");
        assertThat(s.frameworks().get(0).tasks()).extracting(MesosState.Task::id).containsExactly("ok", "bad-ports");
        assertThat(s.frameworks().get(0).tasks().get(0).ports()).containsExactly(1, 2, 5);
        assertThat(s.frameworks().get(0).tasks().get(1).ports()).isEmpty();
        assertThat(s.frameworks().get(1).pid()).isNull();
        assertThat(s.skipped().counts()).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(
                java.util.Map.entry("agent: missing pid", 1),
                java.util.Map.entry("agent: malformed pid", 1),
                java.util.Map.entry("agent: not an object", 1),
                java.util.Map.entry("agent: missing id", 1),
                java.util.Map.entry("task: missing id", 1),
                java.util.Map.entry("task: missing state", 1),
                java.util.Map.entry("task: missing slave_id", 1),
                java.util.Map.entry("task: missing name", 1),
                java.util.Map.entry("task: malformed ports", 2),
                java.util.Map.entry("task: not an object", 1),
                java.util.Map.entry("framework: missing name", 1),
                java.util.Map.entry("framework: malformed pid", 1)));
        assertThat(s.skipped().examples()).containsEntry("task: missing state", "no-state");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                              | ''",
            "[]                              | ''",
            "[31000-31002, 31005-31005]      | 31000 31001 31002 31005",
            "[ 80-80 ]                       | 80",
            "[10-8]                          | ''",
            "[99999-99999, 7-7]              | 7",
            "'[1 - 2,,3]'                    | 1 2 3",
            "'x[5]y'                         | 5",
            "'[5'                            | ''",
            "'[-5, 5-, 1-2-3, 8]'            | 8",
    })
    void portRangesExpandInOrder(String text, String expected) throws Exception {
        MesosState s = parse("{\"leader\":\"m@1.1.1.1:5050\",\"frameworks\":[{\"name\":\"f\",\"tasks\":[{\"id\":\"t\",\"name\":\"t\","
                + "\"slave_id\":\"a\",\"state\":\"TASK_RUNNING\",\"resources\":{\"ports\":\"" + text + "\"}}]}]}");
        List<Integer> ports = s.frameworks().get(0).tasks().get(0).ports();
        assertThat(ports.stream().map(String::valueOf).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }

    @Test
    void aHugeRangeIsCutAndCounted() throws Exception {
        MesosState s = parse("{\"leader\":\"m@1.1.1.1:5050\",\"frameworks\":[{\"name\":\"f\",\"tasks\":[{\"id\":\"t\",\"name\":\"t\","
                + "\"slave_id\":\"a\",\"state\":\"TASK_RUNNING\",\"resources\":{\"ports\":\"[1-65535]\"}}]}]}");
        assertThat(s.frameworks().get(0).tasks().get(0).ports()).hasSize(1024);
        assertThat(s.skipped().counts()).containsEntry("task: too many ports", 1);
    }

    @Test
    void statusesNetworkInfosLabelsHealthAndDiscoveryAreRead() throws Exception {
        MesosState s = parse("""
                {"leader": "m@1.1.1.1:5050", "unknown_field": {"deep": [1, 2, {"x": null}]},
                 "frameworks": [{"name": "f", "tasks": [{"id": "t", "name": "t", "agent_id": "a", "state": "TASK_RUNNING",
                   "labels": [{"key": "VIP_0", "value": "/app:80"}],
                   "statuses": [{"state": "TASK_RUNNING", "timestamp": 1.5, "healthy": false,
                     "labels": [{"key": "k", "value": "v"}],
                     "container_status": {"network_infos": [
                        {"name": "dcos", "ip_addresses": [{"ip_address": "9.0.0.1"}, {"ip_address": "fd00::1"}]},
                        {"ip_address": "9.0.0.2"}]}}],
                   "discovery": {"name": "web", "visibility": "FRAMEWORK",
                     "ports": {"ports": [{"number": 80, "protocol": "tcp", "name": "http",
                                          "labels": {"labels": [{"key": "VIP_0", "value": "web:80"}]}},
                                         {"number": "not a number"}, {"number": 70000}]},
                     "labels": {"labels": [{"key": "a", "value": "b"}]}}}]}]}
                """);
        MesosState.Task t = s.frameworks().get(0).tasks().get(0);
        assertThat(t.agentId()).isEqualTo("a");
        assertThat(t.labels()).containsExactly(new MesosState.Label("VIP_0", "/app:80"));
        MesosState.Status st = t.statuses().get(0);
        assertThat(st.healthy()).isFalse();
        assertThat(st.timestamp()).isEqualTo(1.5);
        assertThat(st.networkInfos()).extracting(MesosState.NetworkInfo::ipAddresses)
                .containsExactly(List.of("9.0.0.1", "fd00::1"), List.of("9.0.0.2"));
        assertThat(st.networkInfos().get(0).name()).isEqualTo("dcos");
        assertThat(t.discovery().ports()).containsExactly(new MesosState.DiscoveryPort(80, "tcp", "http",
                List.of(new MesosState.Label("VIP_0", "web:80"))));
        assertThat(t.discovery().labels()).containsExactly(new MesosState.Label("a", "b"));
        assertThat(s.skipped().counts()).containsEntry("task: malformed discovery port", 2);
    }

    @Test
    void aDiscoveryInfoWithoutANameIsTreatedAsAbsent() throws Exception {
        MesosState s = parse("{\"leader\":\"m@1.1.1.1:5050\",\"frameworks\":[{\"name\":\"f\",\"tasks\":[{\"id\":\"t\",\"name\":\"t\","
                + "\"slave_id\":\"a\",\"state\":\"TASK_RUNNING\",\"discovery\":{\"visibility\":\"FRAMEWORK\","
                + "\"ports\":{\"ports\":[{\"number\":80}]}}}]}]}");
        assertThat(s.frameworks().get(0).tasks().get(0).discovery()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "slave(1)@10.0.0.1:5051   | slave(1) | 10.0.0.1     | 5051",
            "s@[2001:db8::1]:5051     | s        | 2001:db8::1  | 5051",
            "s@agent.example:5051     | s        | agent.example| 5051",
    })
    void pidsParse(String text, String name, String host, int port) {
        assertThat(Pid.parse(text)).isEqualTo(new Pid(name, host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nohost", "a@b@c:1", "s@host", "s@host:99999", "s@:5051", "s@2001:db8::1:5051"})
    void malformedPidsDoNotParse(String text) {
        assertThat(Pid.parse(text)).isNull();
    }
}
