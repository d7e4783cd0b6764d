package io.lodestar.server.mesos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code /master/state} documents for the tests, as a Mesos 1.x master writes them. */
public final class StateJson {
    private final String leader;
    private final List<String> agents = new ArrayList<>();
    private final List<String> recovered = new ArrayList<>();
    private final Map<String, List<String>> tasks = new LinkedHashMap<>();

    private StateJson(String leader) {
        this.leader = leader;
    }

    /** A state served by the master at {@code leaderHostPort}. */
    public static StateJson leader(String leaderHostPort) {
        return new StateJson(leaderHostPort);
    }

    public StateJson agent(String id, String ip) {
        agents.add("{\"id\":\"" + id + "\",\"pid\":\"slave(1)@" + ip + ":5051\",\"hostname\":\"" + ip + "\"}");
        return this;
    }

    public StateJson recovered(String agentId) {
        recovered.add("{\"id\":\"" + agentId + "\",\"hostname\":\"gone\"}");
        return this;
    }

    /** A running task of framework {@code framework} on {@code agentId}, with {@code ip} as its netinfo address. */
    public StateJson task(String framework, String name, String agentId, String ip) {
        return task(framework, name, name + "." + agentId + "." + tasks.getOrDefault(framework, List.of()).size(),
                agentId, "TASK_RUNNING", ip);
    }

    public StateJson task(String framework, String name, String id, String agentId, String state, String ip) {
        String netinfo = ip == null ? "" : ",\"container_status\":{\"network_infos\":[{\"ip_addresses\":"
                + "[{\"ip_address\":\"" + ip + "\"}]}]}";
        tasks.computeIfAbsent(framework, f -> new ArrayList<>()).add("{\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"slave_id\":\"" + agentId + "\",\"state\":\"" + state + "\",\"resources\":{\"ports\":"
                + "\"[31000-31000]\"},\"statuses\":[{\"state\":\"" + state + "\",\"timestamp\":1700000000.0"
                + netinfo + "}]}");
        return this;
    }

    public String text() {
        StringBuilder s = new StringBuilder("{\"version\":\"1.11.0\",\"leader\":\"master@").append(leader)
                .append("\",\"slaves\":[").append(String.join(",", agents)).append("],\"recovered_slaves\":[")
                .append(String.join(",", recovered)).append("],\"frameworks\":[");
        int i = 0;
        for (Map.Entry<String, List<String>> fw : tasks.entrySet()) {
            s.append(i++ > 0 ? "," : "").append("{\"id\":\"").append(fw.getKey()).append("-0001\",\"name\":\"")
                    .append(fw.getKey()).append("\",\"pid\":\"scheduler@10.0.0.100:8080\",\"hostname\":\"10.0.0.100\""
                    + ",\"active\":true,\"tasks\":[").append(String.join(",", fw.getValue())).append("]}");
        }
        return s.append("],\"completed_frameworks\":[]}").toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A large cluster: {@code taskCount} running tasks over 10 frameworks and 200 agents, each task with a port
     * range, two statuses and a netinfo address, as on a busy production master (about 9 MB for 20,000 tasks).
     */
    public static StateJson large(String leaderHostPort, int taskCount) {
        StateJson s = leader(leaderHostPort);
        for (int a = 0; a < 200; a++) {
            s.agent("agent-" + a, "10.1." + (a / 250) + "." + (a % 250 + 1));
        }
        for (int t = 0; t < taskCount; t++) {
            int agent = t % 200;
            s.task("framework-" + (t % 10), "app-" + (t % 2000), "app-" + t + ".4f1b2c3d-5e6f-11ee-8c99-0242ac120002",
                    "agent-" + agent, "TASK_RUNNING", "10.2." + (t / 250) % 250 + "." + (t % 250 + 1));
        }
        return s;
    }
}
