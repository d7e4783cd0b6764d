package io.lodestar.server.mesos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Operator API events as a Mesos 1.x master sends them (JSON), for the tests. */
public final class Events {
    private final List<String> agents = new ArrayList<>();
    private final List<String> recovered = new ArrayList<>();
    private final List<String> tasks = new ArrayList<>();
    private double heartbeatSeconds = 15;

    /** A SUBSCRIBED event under construction, with the framework "marathon" (id {@code marathon-0001}). */
    public static Events subscribed() {
        return new Events();
    }

    public Events heartbeat(double seconds) {
        heartbeatSeconds = seconds;
        return this;
    }

    public Events agent(String id, String ip) {
        agents.add(agentJson(id, ip));
        return this;
    }

    public Events recovered(String id) {
        recovered.add("{\"hostname\":\"gone\",\"id\":{\"value\":\"" + id + "\"}}");
        return this;
    }

    /** A running task with netinfo {@code ip}. */
    public Events task(String id, String name, String agentId, String ip) {
        tasks.add(taskJson(id, name, agentId, "TASK_RUNNING", ip));
        return this;
    }

    public String json() {
        return "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"get_state\":{\"get_tasks\":{\"tasks\":["
                + String.join(",", tasks) + "]},\"get_executors\":{},\"get_frameworks\":{\"frameworks\":["
                + "{\"framework_info\":{\"user\":\"root\",\"name\":\"marathon\",\"id\":{\"value\":\"marathon-0001\"},"
                + "\"hostname\":\"10.0.0.100\"},\"active\":true,\"connected\":true,\"recovered\":false}]},"
                + "\"get_agents\":{\"agents\":[" + String.join(",", agents) + "],\"recovered_agents\":["
                + String.join(",", recovered) + "]}},\"heartbeat_interval_seconds\":" + heartbeatSeconds + "}}";
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    static String agentJson(String id, String ip) {
        return "{\"agent_info\":{\"hostname\":\"" + ip + "\",\"port\":5051,\"id\":{\"value\":\"" + id + "\"}},"
                + "\"active\":true,\"version\":\"1.11.0\",\"pid\":\"slave(1)@" + ip + ":5051\"}";
    }

    static String taskJson(String id, String name, String agentId, String state, String ip) {
        String status = ip == null ? "" : "{\"task_id\":{\"value\":\"" + id + "\"},\"state\":\"" + state
                + "\",\"timestamp\":1700000000.5,\"container_status\":{\"network_infos\":[{\"ip_addresses\":"
                + "[{\"ip_address\":\"" + ip + "\"}]}]}}";
        return "{\"name\":\"" + name + "\",\"task_id\":{\"value\":\"" + id + "\"},\"framework_id\":{\"value\":"
                + "\"marathon-0001\"},\"agent_id\":{\"value\":\"" + agentId + "\"},\"state\":\"" + state + "\","
                + "\"resources\":[{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":31000,"
                + "\"end\":31000}]}}],\"statuses\":[" + status + "]}";
    }

    /** TASK_ADDED for a task just launched (TASK_STAGING, no address yet). */
    public static String taskAdded(String id, String name, String agentId) {
        return "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":" + taskJson(id, name, agentId, "TASK_STAGING", null)
                + "}}";
    }

    /** TASK_UPDATED to {@code state}, with a status carrying {@code ip} as the netinfo address. */
    public static String taskUpdated(String id, String state, String ip) {
        return "{\"type\":\"TASK_UPDATED\",\"task_updated\":{\"framework_id\":{\"value\":\"marathon-0001\"},\"state\":\""
                + state + "\",\"status\":{\"task_id\":{\"value\":\"" + id + "\"},\"state\":\"" + state
                + "\",\"source\":\"SOURCE_EXECUTOR\",\"timestamp\":1700000001.5,\"container_status\":{\"network_infos\":"
                + "[{\"ip_addresses\":[{\"ip_address\":\"" + ip + "\"}]}]}}}}";
    }

    public static String agentAdded(String id, String ip) {
        return "{\"type\":\"AGENT_ADDED\",\"agent_added\":{\"agent\":" + agentJson(id, ip) + "}}";
    }

    public static String heartbeat() {
        return "{\"type\":\"HEARTBEAT\"}";
    }

    public static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
