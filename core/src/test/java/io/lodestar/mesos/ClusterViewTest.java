package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterViewTest {
    private final ClusterView view = new ClusterView();

    private static OperatorEvent event(String json) throws StateException {
        return OperatorEventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static OperatorEvent running(String taskId, String ip, double timestamp) throws StateException {
        return event("{\"type\":\"TASK_UPDATED\",\"task_updated\":{\"framework_id\":{\"value\":\"fw-marathon\"},"
                + "\"state\":\"TASK_RUNNING\",\"status\":{\"task_id\":{\"value\":\"" + taskId + "\"},"
                + "\"state\":\"TASK_RUNNING\",\"timestamp\":" + timestamp + ",\"container_status\":{\"network_infos\":"
                + "[{\"ip_addresses\":[{\"ip_address\":\"" + ip + "\"}]}]}}}}");
    }

    private static OperatorEvent added(String taskId, String agentId) throws StateException {
        return event("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"name\":\"" + taskId.split("\\.")[0]
                + "\",\"task_id\":{\"value\":\"" + taskId + "\"},\"framework_id\":{\"value\":\"fw-marathon\"},"
                + "\"agent_id\":{\"value\":\"" + agentId + "\"},\"state\":\"TASK_STAGING\"}}}");
    }

    private static RecordSet records(MesosState state) {
        return new RecordBuilder(Config.defaults()).build(state, BuildContext.of(List.of()));
    }

    private static MesosState masterState(String json) throws StateException {
        return StateParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void subscribe() throws Exception {
        view.leader("master@10.0.0.11:5050");
        assertThat(view.apply(OperatorEventParser.parse(OperatorEventParserTest.resource("subscribed.json")))).isTrue();
    }

    @Test
    void theSubscribedSnapshotIsTheView() {
        MesosState s = view.snapshot();
        assertThat(s.leader()).isEqualTo("master@10.0.0.11:5050");
        assertThat(records(s).a()).containsEntry("web.marathon.mesos.", List.of("10.8.0.5"))
                .doesNotContainKey("db.marathon.mesos.");
    }

    @Test
    void aTaskThatTurnsRunningGetsItsRecordsFromThePartialUpdate() throws Exception {
        assertThat(view.apply(running("db.3c4d", "10.8.0.6", 1700000010.0))).isTrue();

        MesosState.Task db = view.snapshot().frameworks().get(0).tasks().get(1);
        assertThat(db.state()).isEqualTo("TASK_RUNNING");
        assertThat(db.name()).isEqualTo("db");
        assertThat(db.statuses()).hasSize(1);
        assertThat(records(view.snapshot()).a()).containsEntry("db.marathon.mesos.", List.of("10.8.0.6"));
    }

    @Test
    void aTaskKeepsItsHealthCheckThroughAnUpdateWithoutHealth() throws Exception {
        view.apply(event("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"name\":\"api\","
                + "\"task_id\":{\"value\":\"api.7\"},\"framework_id\":{\"value\":\"fw-marathon\"},"
                + "\"agent_id\":{\"value\":\"agent-2\"},\"state\":\"TASK_STAGING\","
                + "\"health_check\":{\"type\":\"TCP\",\"tcp\":{\"port\":80}}}}}"));
        view.apply(running("api.7", "10.8.0.7", 1700000012.0)); // no "healthy" yet: the check has not run

        MesosState.Task api = view.snapshot().frameworks().get(0).tasks().stream()
                .filter(t -> t.id().equals("api.7")).findFirst().orElseThrow();
        assertThat(api.healthCheck()).isTrue();
        // healthyTasksOnly: a checked task that has not passed its check yet gets no records.
        RecordSet healthy = new RecordBuilder(Config.builder().healthyTasksOnly(true).build())
                .build(view.snapshot(), BuildContext.of(List.of()));
        assertThat(healthy.a()).doesNotContainKey("api.marathon.mesos.");
    }

    @Test
    void aTaskAddedThenRunningIsAnswerable() throws Exception {
        view.apply(added("api.9", "agent-2"));
        assertThat(records(view.snapshot()).a()).doesNotContainKey("api.marathon.mesos.");
        view.apply(running("api.9", "10.8.0.9", 1700000011.0));
        assertThat(records(view.snapshot()).a()).containsEntry("api.marathon.mesos.", List.of("10.8.0.9"));
    }

    @Test
    void aTerminalUpdateRemovesTheTask() throws Exception {
        view.apply(event("""
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"fw-marathon"},"state":"TASK_KILLED",
                 "status":{"task_id":{"value":"web.1a2b"},"state":"TASK_KILLED","timestamp":1700000020.0}}}"""));
        assertThat(view.snapshot().frameworks().get(0).tasks()).extracting(MesosState.Task::id)
                .containsExactly("db.3c4d");
        assertThat(records(view.snapshot()).a()).doesNotContainKey("web.marathon.mesos.");
    }

    @Test
    void anUpdateForAnUnknownTaskChangesNothingAndIsCounted() throws Exception {
        assertThat(view.apply(running("nope.1", "10.8.0.1", 1.0))).isFalse();
        assertThat(view.unknownTaskUpdates()).isEqualTo(1);
        assertThat(view.apply(new OperatorEvent.Heartbeat())).isFalse();
    }

    @Test
    void repeatedStatusesAreKeptOnceAndOnlyTheNewestAreKept() throws Exception {
        OperatorEvent same = running("db.3c4d", "10.8.0.6", 5.0);
        view.apply(same);
        view.apply(same);
        assertThat(view.snapshot().frameworks().get(0).tasks().get(1).statuses()).hasSize(1);
        for (int i = 0; i < ClusterView.MAX_STATUSES + 10; i++) {
            view.apply(running("db.3c4d", "10.8.0.6", 10.0 + i));
        }
        List<MesosState.Status> statuses = view.snapshot().frameworks().get(0).tasks().get(1).statuses();
        assertThat(statuses).hasSize(ClusterView.MAX_STATUSES);
        assertThat(statuses.get(statuses.size() - 1).timestamp()).isEqualTo(10.0 + ClusterView.MAX_STATUSES + 9);
    }

    @Test
    void agentsComeAndGoAndARecoveredAgentThatReRegistersIsNoLongerRecovered() throws Exception {
        assertThat(view.snapshot().recoveredAgentIds()).containsExactly("agent-3");
        view.apply(event("""
                {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":{"hostname":"10.0.1.3",
                 "id":{"value":"agent-3"}},"pid":"slave(1)@10.0.1.3:5051","active":true,"version":"1.11.0"}}}"""));
        assertThat(view.snapshot().recoveredAgentIds()).isEmpty();
        assertThat(view.snapshot().agents()).extracting(MesosState.Agent::id)
                .containsExactly("agent-1", "agent-2", "agent-3");

        assertThat(view.apply(new OperatorEvent.AgentRemoved("agent-1"))).isTrue();
        assertThat(view.apply(new OperatorEvent.AgentRemoved("agent-1"))).isFalse();
        assertThat(records(view.snapshot()).a()).doesNotContainKey("web.marathon.mesos.");
    }

    @Test
    void aRemovedFrameworkTakesItsTasksAlong() {
        assertThat(view.apply(new OperatorEvent.FrameworkRemoved("fw-marathon"))).isTrue();
        assertThat(view.snapshot().frameworks()).isEmpty();
        view.apply(new OperatorEvent.FrameworkUpdated(new MesosState.Framework("fw-marathon", "marathon", null,
                "10.0.0.11", List.of())));
        assertThat(view.snapshot().frameworks().get(0).tasks()).isEmpty();
    }

    @Test
    void frameworkPidsFromMasterStateSurviveEventsAndResubscription() throws Exception {
        view.beginReconcile();
        view.reconcile(masterState("""
                {"leader":"master@10.0.0.11:5050","slaves":[{"id":"agent-1","pid":"slave(1)@10.0.1.1:5051"}],
                 "frameworks":[{"id":"fw-marathon","name":"marathon","pid":"scheduler@10.0.0.11:8080",
                  "hostname":"10.0.0.11","tasks":[]}]}"""));
        Pid pid = new Pid("scheduler", "10.0.0.11", 8080);
        assertThat(view.snapshot().frameworks().get(0).pid()).isEqualTo(pid);

        view.apply(event("""
                {"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":{"framework_info":{"name":"marathon",
                 "id":{"value":"fw-marathon"},"hostname":"10.0.0.11"}}}}"""));
        assertThat(view.snapshot().frameworks().get(0).pid()).isEqualTo(pid);
        view.apply(OperatorEventParser.parse(OperatorEventParserTest.resource("subscribed.json")));
        assertThat(view.snapshot().frameworks().get(0).pid()).isEqualTo(pid);
        assertThat(records(view.snapshot()).srv()).containsKey("_framework._tcp.marathon.mesos.");
    }

    @Test
    void eventsSeenWhileReconcilingAreFoldedAgainOnTopOfTheFetchedState() throws Exception {
        view.beginReconcile();
        view.apply(added("api.9", "agent-2"));
        view.apply(running("api.9", "10.8.0.9", 1700000011.0));
        // The document was taken before those events: it knows web only.
        boolean applied = view.reconcile(masterState("""
                {"leader":"master@10.0.0.11:5050",
                 "slaves":[{"id":"agent-1","pid":"slave(1)@10.0.1.1:5051"},{"id":"agent-2","pid":"slave(1)@10.0.1.2:5051"}],
                 "frameworks":[{"id":"fw-marathon","name":"marathon","pid":"scheduler@10.0.0.11:8080","tasks":[
                   {"id":"web.1a2b","name":"web","slave_id":"agent-1","state":"TASK_RUNNING"}]}]}"""));

        assertThat(applied).isTrue();
        assertThat(view.snapshot().frameworks().get(0).tasks()).extracting(MesosState.Task::id)
                .containsExactly("web.1a2b", "api.9");
        assertThat(records(view.snapshot()).a()).containsEntry("api.marathon.mesos.", List.of("10.8.0.9"))
                .containsEntry("web.marathon.mesos.", List.of("10.0.1.1"));
        // Outside a reconciliation nothing is buffered, and a late document is not applied.
        assertThat(view.reconcile(masterState("{\"leader\":\"master@10.0.0.11:5050\"}"))).isFalse();
        view.beginReconcile();
        view.abortReconcile();
        assertThat(view.reconcile(masterState("{\"leader\":\"master@10.0.0.11:5050\"}"))).isFalse();
        // A new SUBSCRIBED (a new connection) ends an open reconciliation: an older document must not replace it.
        view.beginReconcile();
        view.apply(OperatorEventParser.parse(OperatorEventParserTest.resource("subscribed.json")));
        assertThat(view.reconcile(masterState("{\"leader\":\"master@10.0.0.11:5050\"}"))).isFalse();
        assertThat(view.snapshot().frameworks().get(0).tasks()).hasSize(2);
    }
}
