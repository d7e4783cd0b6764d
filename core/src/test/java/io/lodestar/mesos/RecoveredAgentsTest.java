package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveredAgentsTest {
    private static final long GRACE = 600_000;
    private static final long T0 = 1_700_000_000_000L;

    /** A state with agents a1 (10.0.1.1) and a2 (10.0.1.2) and task "web" on each, led by {@code leader}. */
    private static MesosState state(String leader, List<String> agents, List<String> recovered,
            List<String> frameworks) throws StateException {
        StringBuilder json = new StringBuilder("{\"leader\":\"master@" + leader + ":5050\",\"slaves\":[");
        for (int i = 0; i < agents.size(); i++) {
            String id = agents.get(i);
            json.append(i > 0 ? "," : "").append("{\"id\":\"").append(id).append("\",\"pid\":\"slave(1)@10.0.1.")
                    .append(id.substring(1)).append(":5051\"}");
        }
        json.append("],\"recovered_slaves\":[");
        for (int i = 0; i < recovered.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"id\":\"").append(recovered.get(i)).append("\"}");
        }
        json.append("],\"frameworks\":[");
        for (int f = 0; f < frameworks.size(); f++) {
            String fw = frameworks.get(f);
            json.append(f > 0 ? "," : "").append("{\"id\":\"").append(fw).append("-id\",\"name\":\"").append(fw)
                    .append("\",\"tasks\":[");
            for (int i = 0; i < agents.size(); i++) {
                String agent = agents.get(i);
                json.append(i > 0 ? "," : "").append("{\"id\":\"").append(fw).append(".web.").append(agent)
                        .append("\",\"name\":\"web\",\"slave_id\":\"").append(agent)
                        .append("\",\"state\":\"TASK_RUNNING\"}");
            }
            json.append("]}");
        }
        return StateParser.parse(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> webAddresses(MesosState s) {
        var records = new RecordBuilder(Config.defaults()).build(s, BuildContext.of(List.of()));
        return records.a().getOrDefault("web.marathon.mesos.", List.of());
    }

    @Test
    void afterAFailoverTheTasksOfAgentsNotYetBackKeepTheirRecords() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(GRACE);
        MesosState before = gate.apply(state("10.0.0.1", List.of("a1", "a2"), List.of(), List.of("marathon")), T0);
        assertThat(webAddresses(before)).containsExactly("10.0.1.1", "10.0.1.2");

        // The new leader knows a1 again, a2 is recovered but has not re-registered: its task is not in the state.
        MesosState failover = state("10.0.0.2", List.of("a1"), List.of("a2"), List.of("marathon"));
        assertThat(webAddresses(failover)).containsExactly("10.0.1.1");
        MesosState merged = gate.apply(failover, T0 + 60_000);

        assertThat(webAddresses(merged)).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
        assertThat(gate.held()).containsExactly("a2");
        assertThat(merged.leader()).isEqualTo("master@10.0.0.2:5050");
    }

    @Test
    void keptAgentsStayUntilTheGracePeriodEndsThenGo() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(GRACE);
        gate.apply(state("10.0.0.1", List.of("a1", "a2"), List.of(), List.of("marathon")), T0);
        MesosState failover = state("10.0.0.2", List.of("a1"), List.of("a2"), List.of("marathon"));

        assertThat(webAddresses(gate.apply(failover, T0 + 1_000))).hasSize(2);
        assertThat(webAddresses(gate.apply(failover, T0 + 1_000 + GRACE - 1))).hasSize(2);
        assertThat(webAddresses(gate.apply(failover, T0 + 1_000 + GRACE))).containsExactly("10.0.1.1");
        assertThat(gate.held()).isEmpty();
        // Once dropped, an agent still listed as recovered is not brought back.
        assertThat(webAddresses(gate.apply(failover, T0 + 2 * GRACE))).containsExactly("10.0.1.1");
    }

    @Test
    void anAgentThatReRegistersReplacesItsKeptEntry() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(GRACE);
        gate.apply(state("10.0.0.1", List.of("a1", "a2"), List.of(), List.of("marathon")), T0);
        gate.apply(state("10.0.0.2", List.of("a1"), List.of("a2"), List.of("marathon")), T0 + 1_000);

        MesosState back = gate.apply(state("10.0.0.2", List.of("a1", "a2"), List.of("a2"), List.of("marathon")),
                T0 + 2_000);
        assertThat(gate.held()).isEmpty();
        assertThat(back.agents()).extracting(MesosState.Agent::id).containsExactly("a1", "a2");
        assertThat(back.frameworks().get(0).tasks()).hasSize(2);
    }

    @Test
    void aFrameworkTheNewLeaderDoesNotKnowYetIsKeptWithTheAgentsTasks() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(GRACE);
        gate.apply(state("10.0.0.1", List.of("a1", "a2"), List.of(), List.of("marathon", "chronos")), T0);
        // New leader: no frameworks re-registered yet, both agents recovered.
        MesosState merged = gate.apply(state("10.0.0.2", List.of(), List.of("a1", "a2"), List.of()), T0 + 1_000);

        assertThat(merged.frameworks()).extracting(MesosState.Framework::name).containsExactly("marathon", "chronos");
        assertThat(webAddresses(merged)).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
        var records = new RecordBuilder(Config.defaults()).build(merged, BuildContext.of(List.of()));
        assertThat(records.a()).containsKey("web.chronos.mesos.");
    }

    @Test
    void withoutRecoveredAgentsTheStateIsPublishedAsIs() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(GRACE);
        MesosState s = state("10.0.0.1", List.of("a1"), List.of(), List.of("marathon"));
        assertThat(gate.apply(s, T0)).isSameAs(s);
        MesosState gone = state("10.0.0.1", List.of(), List.of(), List.of("marathon"));
        assertThat(gate.apply(gone, T0 + 1)).isSameAs(gone);
        assertThat(Map.of("held", gate.held())).containsEntry("held", java.util.Set.of());
    }

    @Test
    void aZeroGracePeriodKeepsNothing() throws Exception {
        RecoveredAgents gate = new RecoveredAgents(0);
        gate.apply(state("10.0.0.1", List.of("a1", "a2"), List.of(), List.of("marathon")), T0);
        MesosState failover = state("10.0.0.2", List.of("a1"), List.of("a2"), List.of("marathon"));
        assertThat(gate.apply(failover, T0 + 1)).isSameAs(failover);
    }
}
