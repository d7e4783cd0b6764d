package io.lodestar.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a synthetic but realistic Mesos {@code /master/state} document of N active tasks, shaped as a Mesos 1.x
 * master writes it, for the benchmarks and the load harness: agents with IP pids, several frameworks (two
 * Marathons with nested group apps and scaled apps, Metronome jobs, a Cassandra-like service with DiscoveryInfo,
 * Spark drivers with spaces in their names, Jenkins agents), DiscoveryInfo with named ports on most Marathon apps,
 * container network infos with IPv4 and some IPv6, health checks, a few tasks not running, completed tasks and the
 * bulk fields a real master sends. Deterministic for a given task count and seed.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.lodestar.bench.StateGenerator --tasks 20000 --out state.json</pre>
 */
public final class StateGenerator {

    /** The leader's address; the harness lists it as the only master. */
    public static final String LEADER = "10.0.0.1:5050";
    static final int TASKS_PER_AGENT = 40;

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] GROUPS = {"prod", "staging", "dev", "platform", "data", "ml", "web", "payments",
        "search", "infra", "billing", "identity"};
    private static final String[] SERVICES = {"api", "web", "worker", "gateway", "auth", "cache", "search", "ingest",
        "scheduler", "frontend", "backend", "indexer", "notifier", "reports", "checkout", "catalog", "profile",
        "metrics", "logs", "queue", "mailer", "billing", "orders", "inventory", "pricing", "session", "feeds"};
    private static final String[] JOBS = {"backup", "report", "cleanup", "rollup", "export", "import", "reindex",
        "compact", "audit", "sync"};
    private static final String[] NOT_RUNNING = {"TASK_STAGING", "TASK_STARTING", "TASK_KILLING", "TASK_UNREACHABLE"};

    private final SplittableRandom random;
    private final int taskCount;
    private final int agentCount;
    private final String clusterId;
    private final int[] nextHostPort;
    private int nextContainerIp = 1;
    private double clock = 1_763_700_000.0;

    private StateGenerator(int tasks, long seed) {
        this.random = new SplittableRandom(seed);
        this.taskCount = tasks;
        this.agentCount = Math.max(3, (tasks + TASKS_PER_AGENT - 1) / TASKS_PER_AGENT);
        this.clusterId = uuid();
        this.nextHostPort = new int[agentCount];
        java.util.Arrays.fill(nextHostPort, 31000);
    }

    /** The state document for {@code tasks} active tasks (about 3 % of them not running) from {@code seed}. */
    public static byte[] generate(int tasks, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(tasks * 900 + 65536);
        write(tasks, seed, out);
        return out.toByteArray();
    }

    /** Writes the document to {@code out} (not closed). */
    public static void write(int tasks, long seed, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            new StateGenerator(tasks, seed).document(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        int tasks = 20_000;
        long seed = 1;
        Path outFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> outFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: StateGenerator --tasks N [--seed S] --out FILE");
                    System.exit(2);
                }
            }
        }
        if (outFile == null || tasks < 1) {
            System.err.println("usage: StateGenerator --tasks N [--seed S] --out FILE");
            System.exit(2);
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
            write(tasks, seed, out);
        }
        System.err.printf("state: %d tasks on %d agents, %,d bytes: %s%n", tasks,
                Math.max(3, (tasks + TASKS_PER_AGENT - 1) / TASKS_PER_AGENT), Files.size(outFile), outFile);
    }

    private void document(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", "1.11.0");
        g.writeStringField("git_sha", "7c8c6ac1e0c3d68e8b2b93a0e9d7bcd3d2f1f0e4");
        g.writeStringField("git_tag", "1.11.0");
        g.writeNumberField("build_time", 1_605_000_000);
        g.writeNumberField("start_time", clock - 86_400 * 12.5);
        g.writeNumberField("elected_time", clock - 86_400 * 12.4);
        g.writeStringField("id", clusterId);
        g.writeStringField("pid", "master@" + LEADER);
        g.writeStringField("hostname", "10.0.0.1");
        g.writeNumberField("activated_slaves", agentCount);
        g.writeNumberField("deactivated_slaves", 0);
        g.writeStringField("cluster", "bench");
        g.writeStringField("leader", "master@" + LEADER);
        g.writeObjectFieldStart("leader_info");
        g.writeStringField("id", clusterId);
        g.writeStringField("pid", "master@" + LEADER);
        g.writeNumberField("port", 5050);
        g.writeStringField("hostname", "10.0.0.1");
        g.writeEndObject();
        g.writeStringField("log_dir", "/var/log/mesos");
        g.writeObjectFieldStart("flags");
        for (String[] flag : new String[][] {{"allocation_interval", "1secs"}, {"authenticate_agents", "false"},
            {"cluster", "bench"}, {"hostname_lookup", "false"}, {"max_completed_tasks_per_framework", "1000"},
            {"quorum", "2"}, {"registry", "replicated_log"}, {"work_dir", "/var/lib/mesos/master"},
            {"zk", "zk://10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181/mesos"}}) {
            g.writeStringField(flag[0], flag[1]);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("slaves");
        for (int i = 0; i < agentCount; i++) {
            agent(g, i);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("frameworks");
        frameworks(g);
        g.writeEndArray();
        g.writeArrayFieldStart("completed_frameworks");
        g.writeEndArray();
        g.writeArrayFieldStart("orphan_tasks");
        g.writeEndArray();
        g.writeArrayFieldStart("unregistered_frameworks");
        g.writeEndArray();
        g.writeEndObject();
    }

    // ---- agents ------------------------------------------------------------------------------------------------

    static String agentIp(int i) {
        return "10.1." + (i / 250) + "." + (i % 250 + 1);
    }

    private String agentId(int i) {
        return clusterId + "-S" + i;
    }

    private void agent(JsonGenerator g, int i) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", agentId(i));
        g.writeStringField("pid", "slave(1)@" + agentIp(i) + ":5051");
        g.writeStringField("hostname", agentIp(i));
        g.writeNumberField("port", 5051);
        g.writeObjectFieldStart("attributes");
        g.writeStringField("rack", "r" + (i % 16));
        g.writeStringField("zone", "zone-" + (char) ('a' + i % 3));
        g.writeEndObject();
        resources(g, "resources", 32, 122_880, 400_000, "[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]");
        resources(g, "used_resources", 12.5, 40_960, 20_000, "[31000-31100]");
        g.writeNumberField("registered_time", clock - 86_400 * 3 - i);
        g.writeBooleanField("active", true);
        g.writeStringField("version", "1.11.0");
        g.writeArrayFieldStart("capabilities");
        g.writeString("MULTI_ROLE");
        g.writeString("HIERARCHICAL_ROLE");
        g.writeString("RESERVATION_REFINEMENT");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void resources(JsonGenerator g, String field, double cpus, double mem, double disk, String ports)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("disk", disk);
        g.writeNumberField("mem", mem);
        g.writeNumberField("gpus", 0.0);
        g.writeNumberField("cpus", cpus);
        if (ports != null) {
            g.writeStringField("ports", ports);
        }
        g.writeEndObject();
    }

    // ---- frameworks --------------------------------------------------------------------------------------------

    private void frameworks(JsonGenerator g) throws IOException {
        int marathonUser = share(0.05);
        int metronome = share(0.08);
        int cassandra = share(0.04);
        int spark = share(0.10);
        int jenkins = share(0.05);
        int marathon = taskCount - marathonUser - metronome - cassandra - spark - jenkins;
        marathon(g, "marathon", "10.0.0.2", 8080, marathon);
        marathon(g, "marathon-user", "10.0.0.5", 8080, marathonUser);
        metronome(g, metronome);
        cassandra(g, cassandra);
        spark(g, spark);
        jenkins(g, jenkins);
    }

    private int share(double fraction) {
        return (int) Math.round(taskCount * fraction);
    }

    /** Framework header fields up to and including the start of {@code tasks}. */
    private String startFramework(JsonGenerator g, String name, String pid, String hostname) throws IOException {
        String id = clusterId + "-" + String.format("%04d", random.nextInt(10_000));
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        if (pid != null) {
            g.writeStringField("pid", pid);
        }
        g.writeStringField("hostname", hostname);
        g.writeStringField("webui_url", "http://" + hostname + ":8080");
        g.writeBooleanField("active", true);
        g.writeBooleanField("connected", true);
        g.writeBooleanField("recovered", false);
        g.writeStringField("user", "root");
        g.writeNumberField("failover_timeout", 604_800);
        g.writeBooleanField("checkpoint", true);
        g.writeStringField("role", "*");
        g.writeNumberField("registered_time", clock - 86_400 * 2);
        g.writeNumberField("unregistered_time", 0);
        g.writeArrayFieldStart("capabilities");
        g.writeString("PARTITION_AWARE");
        g.writeString("TASK_KILLING_STATE");
        g.writeEndArray();
        resources(g, "used_resources", 100, 200_000, 0, null);
        resources(g, "offered_resources", 0, 0, 0, null);
        g.writeArrayFieldStart("tasks");
        return id;
    }

    /** Ends {@code tasks}, writes a few completed tasks (ignored by Mesos-DNS and Lodestar) and ends the framework. */
    private void endFramework(JsonGenerator g, String frameworkId, String taskName, int completed) throws IOException {
        g.writeEndArray();
        g.writeArrayFieldStart("completed_tasks");
        for (int i = 0; i < completed; i++) {
            int agent = random.nextInt(agentCount);
            g.writeStartObject();
            g.writeStringField("id", taskName + "." + uuid());
            g.writeStringField("name", taskName);
            g.writeStringField("framework_id", frameworkId);
            g.writeStringField("slave_id", agentId(agent));
            g.writeStringField("state", i % 3 == 0 ? "TASK_FAILED" : "TASK_KILLED");
            resources(g, "resources", 0.1, 128, 0, "[31999-31999]");
            g.writeArrayFieldStart("statuses");
            status(g, "TASK_RUNNING", false, List.of(agentIp(agent)));
            status(g, "TASK_KILLED", false, List.of());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** One Marathon app: its group path, instances, ports, networking, DiscoveryInfo and health checks. */
    private record App(String path, int instances, int ports, boolean discovery, boolean user, boolean ipv6,
                       boolean healthChecked, String image) {
        /** Marathon names a task after the app path reversed: {@code /prod/payments/api} -> {@code api.payments.prod}. */
        String taskName() {
            String[] parts = path.substring(1).split("/");
            StringBuilder b = new StringBuilder();
            for (int i = parts.length - 1; i >= 0; i--) {
                b.append(parts[i]);
                if (i > 0) {
                    b.append('.');
                }
            }
            return b.toString();
        }

        /** The task id prefix: the path with {@code /} as {@code _}. */
        String idPrefix() {
            return path.substring(1).replace('/', '_');
        }
    }

    private void marathon(JsonGenerator g, String name, String host, int port, int tasks) throws IOException {
        String fw = startFramework(g, name, "scheduler-" + uuid() + "@" + host + ":" + port, host);
        Set<String> paths = new HashSet<>();
        int left = tasks;
        int appIndex = 0;
        while (left > 0) {
            App app = app(paths, Math.min(left, instances()), appIndex++);
            for (int i = 0; i < app.instances(); i++) {
                marathonTask(g, fw, app);
            }
            left -= app.instances();
        }
        endFramework(g, fw, "canary", Math.min(40, tasks / 200));
    }

    /** Scaled apps: most have one to three instances, a few tens, one in fifty up to 150. */
    private int instances() {
        int r = random.nextInt(100);
        if (r < 55) {
            return 1;
        } else if (r < 75) {
            return 2 + random.nextInt(2);
        } else if (r < 90) {
            return 4 + random.nextInt(7);
        } else if (r < 98) {
            return 11 + random.nextInt(30);
        }
        return 41 + random.nextInt(110);
    }

    private App app(Set<String> paths, int instances, int index) {
        String path;
        do {
            StringBuilder p = new StringBuilder();
            int depth = random.nextInt(3);
            for (int d = 0; d < depth; d++) {
                p.append('/').append(GROUPS[random.nextInt(GROUPS.length)]);
            }
            String service = SERVICES[random.nextInt(SERVICES.length)];
            p.append('/').append(service);
            if (paths.contains(p.toString())) {
                p.append('-').append(index);
            }
            path = p.toString();
        } while (!paths.add(path));
        int r = random.nextInt(100);
        int ports = r < 10 ? 0 : r < 70 ? 1 : r < 95 ? 2 : 3;
        boolean user = random.nextInt(100) < 35;
        return new App(path, instances, ports, ports > 0 && random.nextInt(100) < 60, user,
                user && random.nextInt(100) < 15, random.nextBoolean(),
                "registry.example.com" + path + ":" + (1 + random.nextInt(9)) + "." + random.nextInt(20) + "."
                        + random.nextInt(10));
    }

    private void marathonTask(JsonGenerator g, String frameworkId, App app) throws IOException {
        int agent = random.nextInt(agentCount);
        String state = state();
        int[] hostPorts = hostPorts(agent, app.ports());
        List<String> ips = new ArrayList<>();
        if (app.user()) {
            ips.add(containerIpv4());
            if (app.ipv6()) {
                ips.add(containerIpv6());
            }
        } else {
            ips.add(agentIp(agent));
        }
        startTask(g, app.idPrefix() + "." + uuid(), app.taskName(), frameworkId, agent, state, 0.5, 512, hostPorts);
        statuses(g, state, app.healthChecked(), ips);
        g.writeArrayFieldStart("labels");
        label(g, "HAPROXY_GROUP", random.nextBoolean() ? "external" : "internal");
        label(g, "owner", GROUPS[random.nextInt(GROUPS.length)] + "-team");
        g.writeEndArray();
        if (app.discovery()) {
            g.writeObjectFieldStart("discovery");
            g.writeStringField("visibility", "FRAMEWORK");
            g.writeStringField("name", app.taskName());
            g.writeObjectFieldStart("ports");
            g.writeArrayFieldStart("ports");
            String[] names = {"http", "metrics", "admin"};
            for (int i = 0; i < hostPorts.length; i++) {
                g.writeStartObject();
                g.writeNumberField("number", app.user() ? 8080 + i : hostPorts[i]);
                g.writeStringField("name", names[i]);
                g.writeStringField("protocol", "tcp");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        container(g, app.image(), app.user() ? "USER" : "HOST");
        g.writeEndObject();
    }

    private void metronome(JsonGenerator g, int tasks) throws IOException {
        String fw = startFramework(g, "metronome", "scheduler-" + uuid() + "@10.0.0.3:9000", "10.0.0.3");
        for (int i = 0; i < tasks; i++) {
            // Job runs: a handful of jobs with many runs each, a fifth of them still starting.
            String job = JOBS[i % JOBS.length] + "." + GROUPS[(i / JOBS.length) % GROUPS.length];
            int agent = random.nextInt(agentCount);
            String state = random.nextInt(5) == 0 ? NOT_RUNNING[random.nextInt(2)] : "TASK_RUNNING";
            String run = String.format("%08d%06d%s", 20251121, i, Integer.toString(random.nextInt(36 * 36 * 36), 36));
            startTask(g, job.replace('.', '_') + "_" + run + "." + uuid(), job + "-" + i, fw, agent, state, 1, 1024,
                    new int[0]);
            statuses(g, state, false, List.of(agentIp(agent)));
            g.writeArrayFieldStart("labels");
            g.writeEndArray();
            container(g, "registry.example.com/jobs/" + JOBS[i % JOBS.length] + ":2.1.0", "HOST");
            g.writeEndObject();
        }
        endFramework(g, fw, "backup-prod", Math.min(200, tasks / 5));
    }

    private void cassandra(JsonGenerator g, int tasks) throws IOException {
        String fw = startFramework(g, "cassandra", "scheduler-" + uuid() + "@10.0.0.4:9090", "10.0.0.4");
        for (int i = 0; i < tasks; i++) {
            int agent = random.nextInt(agentCount);
            String name = "node-" + i + "-server";
            String state = state();
            int[] ports = hostPorts(agent, 0);
            startTask(g, name + "__" + uuid(), name, fw, agent, state, 4, 16384, ports);
            statuses(g, state, true, List.of(agentIp(agent)));
            g.writeArrayFieldStart("labels");
            label(g, "goal_state", "RUNNING");
            label(g, "target_configuration", uuid());
            g.writeEndArray();
            g.writeObjectFieldStart("discovery");
            g.writeStringField("visibility", "CLUSTER");
            g.writeStringField("name", name);
            g.writeObjectFieldStart("ports");
            g.writeArrayFieldStart("ports");
            for (Object[] p : new Object[][] {{9042, "native-client"}, {9160, "rpc"}, {7199, "jmx"}}) {
                g.writeStartObject();
                g.writeNumberField("number", (Integer) p[0]);
                g.writeStringField("name", (String) p[1]);
                g.writeStringField("protocol", "tcp");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            container(g, "registry.example.com/cassandra:3.11.6", "HOST");
            g.writeEndObject();
        }
        endFramework(g, fw, "node-0-server", 2);
    }

    /** Spark: one framework per driver (named with spaces and capitals), executors named {@code Task N}. */
    private void spark(JsonGenerator g, int tasks) throws IOException {
        int left = tasks;
        int driver = 0;
        while (left > 0) {
            int executors = Math.min(left, 10 + random.nextInt(60));
            String host = "10.0.2." + (1 + driver % 250);
            String fw = startFramework(g, "ETL " + JOBS[driver % JOBS.length] + " " + driver + " (Spark)",
                    "scheduler-" + uuid() + "@" + host + ":" + (40_000 + driver), host);
            for (int i = 0; i < executors; i++) {
                int agent = random.nextInt(agentCount);
                String state = state();
                startTask(g, Integer.toString(i), "Task " + i, fw, agent, state, 2, 4096, hostPorts(agent, 1));
                statuses(g, state, false, List.of(agentIp(agent)));
                g.writeArrayFieldStart("labels");
                g.writeEndArray();
                container(g, "registry.example.com/spark:3.5.1", "HOST");
                g.writeEndObject();
            }
            endFramework(g, fw, "Task 0", 3);
            left -= executors;
            driver++;
        }
    }

    private void jenkins(JsonGenerator g, int tasks) throws IOException {
        // No pid: Mesos-DNS falls back to the hostname and publishes no _framework SRV.
        String fw = startFramework(g, "jenkins", null, "10.0.0.6");
        for (int i = 0; i < tasks; i++) {
            int agent = random.nextInt(agentCount);
            String state = state();
            String name = "jenkins-agent-jnlp-" + Integer.toString(random.nextInt(1 << 30), 36);
            startTask(g, name + "." + uuid(), name, fw, agent, state, 1, 2048, hostPorts(agent, 1));
            statuses(g, state, false, List.of(agentIp(agent)));
            g.writeArrayFieldStart("labels");
            g.writeEndArray();
            container(g, "jenkins/inbound-agent:3206.vb_15dcf73f6a_9-2", "HOST");
            g.writeEndObject();
        }
        endFramework(g, fw, "jenkins-agent-jnlp", Math.min(100, tasks / 10));
    }

    // ---- tasks -------------------------------------------------------------------------------------------------

    /** About 3 % of active tasks are not running: staging, starting, being killed, unreachable. */
    private String state() {
        return random.nextInt(100) < 3 ? NOT_RUNNING[random.nextInt(NOT_RUNNING.length)] : "TASK_RUNNING";
    }

    private int[] hostPorts(int agent, int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = nextHostPort[agent];
            nextHostPort[agent] = nextHostPort[agent] >= 32_000 ? 31_000 : nextHostPort[agent] + 1;
        }
        return ports;
    }

    private void startTask(JsonGenerator g, String id, String name, String frameworkId, int agent, String state,
                           double cpus, double mem, int[] ports) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        g.writeStringField("framework_id", frameworkId);
        g.writeStringField("executor_id", "");
        g.writeStringField("slave_id", agentId(agent));
        g.writeStringField("state", state);
        resources(g, "resources", cpus, mem, 0, portRanges(ports));
        g.writeStringField("role", "*");
    }

    /** Consecutive ports as one range, as Mesos writes them: {@code [31000-31001, 31005-31005]}. */
    private static String portRanges(int[] ports) {
        if (ports.length == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder("[");
        int start = ports[0];
        for (int i = 1; i <= ports.length; i++) {
            if (i == ports.length || ports[i] != ports[i - 1] + 1) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(start).append('-').append(ports[i - 1]);
                if (i < ports.length) {
                    start = ports[i];
                }
            }
        }
        return b.append(']').toString();
    }

    private void statuses(JsonGenerator g, String state, boolean healthChecked, List<String> ips) throws IOException {
        g.writeArrayFieldStart("statuses");
        status(g, "TASK_STARTING", false, List.of());
        if (!state.equals("TASK_STAGING") && !state.equals("TASK_STARTING")) {
            status(g, "TASK_RUNNING", healthChecked, ips);
            if (!state.equals("TASK_RUNNING")) {
                status(g, state, false, ips);
            }
        }
        g.writeEndArray();
    }

    private void status(JsonGenerator g, String state, boolean healthy, List<String> ips) throws IOException {
        clock += 0.013;
        g.writeStartObject();
        g.writeStringField("state", state);
        g.writeNumberField("timestamp", clock);
        if (healthy) {
            g.writeBooleanField("healthy", true);
        }
        if (ips.isEmpty()) {
            // A status from before the container had its network (TASK_STARTING) or after it ended.
            g.writeEndObject();
            return;
        }
        g.writeObjectFieldStart("container_status");
        g.writeObjectFieldStart("container_id");
        g.writeStringField("value", uuid());
        g.writeEndObject();
        g.writeArrayFieldStart("network_infos");
        g.writeStartObject();
        g.writeArrayFieldStart("ip_addresses");
        for (String ip : ips) {
            g.writeStartObject();
            g.writeStringField("protocol", ip.indexOf(':') >= 0 ? "IPv6" : "IPv4");
            g.writeStringField("ip_address", ip);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("name", "dcos");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void label(JsonGenerator g, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void container(JsonGenerator g, String image, String network) throws IOException {
        g.writeObjectFieldStart("container");
        g.writeStringField("type", "DOCKER");
        g.writeObjectFieldStart("docker");
        g.writeStringField("image", image);
        g.writeStringField("network", network.equals("USER") ? "USER" : "HOST");
        g.writeBooleanField("privileged", false);
        g.writeBooleanField("force_pull_image", false);
        g.writeEndObject();
        g.writeEndObject();
    }

    private String containerIpv4() {
        int k = nextContainerIp++;
        return "172." + (16 + (k >>> 16)) + "." + ((k >>> 8) & 0xFF) + "." + (k & 0xFF);
    }

    private String containerIpv6() {
        int k = nextContainerIp;
        return "fd01:0:0:" + Integer.toHexString(k >>> 16) + "::" + Integer.toHexString(k & 0xFFFF);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
