package io.lodestar.mesos;

import java.util.List;

/**
 * The parts of a Mesos master {@code /master/state} document that Lodestar uses (spec section 4.5), already
 * validated entry by entry by {@link StateParser}: every agent, framework and task here is well formed.
 *
 * @param leader             the {@code leader} field, {@code name@host:port}
 * @param agents             the {@code slaves} array
 * @param frameworks         the active {@code frameworks}, each with its active tasks
 * @param recoveredAgentIds  ids listed in {@code recovered_slaves} (agents not yet re-registered after a failover)
 * @param skipped            entries left out because they were malformed, counted by reason
 */
public record MesosState(
        String leader,
        List<Agent> agents,
        List<Framework> frameworks,
        List<String> recoveredAgentIds,
        SkipReport skipped) {

    public MesosState {
        agents = List.copyOf(agents);
        frameworks = List.copyOf(frameworks);
        recoveredAgentIds = List.copyOf(recoveredAgentIds);
    }

    /** A Mesos agent ("slave"). {@code pid} is parsed; Mesos-DNS ignores the {@code hostname} field, and so do we. */
    public record Agent(String id, Pid pid, String hostname) {
    }

    /**
     * A framework. {@code pid} may be null (then {@code hostname} is the address and there is no port).
     */
    public record Framework(String id, String name, Pid pid, String hostname, List<Task> tasks) {
        public Framework {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * A task. {@code ports} are the expanded {@code resources.ports} ranges in order; {@code discovery} is null
     * when the task has no DiscoveryInfo or its name is empty (spec 6.8.1); {@code healthCheck} is true when the
     * task carries a Mesos {@code health_check} (the operator API and newer masters show it).
     */
    public record Task(
            String id,
            String name,
            String frameworkId,
            String agentId,
            String state,
            List<Integer> ports,
            List<Status> statuses,
            Discovery discovery,
            List<Label> labels,
            boolean healthCheck) {
        public Task {
            ports = List.copyOf(ports);
            statuses = List.copyOf(statuses);
            labels = List.copyOf(labels);
        }

        /** A task without a {@code health_check} field. */
        public Task(String id, String name, String frameworkId, String agentId, String state, List<Integer> ports,
                    List<Status> statuses, Discovery discovery, List<Label> labels) {
            this(id, name, frameworkId, agentId, state, ports, statuses, discovery, labels, false);
        }

        public boolean isRunning() {
            return "TASK_RUNNING".equals(state);
        }

        /**
         * True when the task has a Mesos health check: a {@code health_check} field, or a status that carries
         * {@code healthy} (the master's {@code /state} does not show {@code health_check}; statuses do).
         */
        public boolean hasHealthCheck() {
            if (healthCheck) {
                return true;
            }
            for (Status s : statuses) {
                if (s.healthy() != null) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One entry of {@code statuses[]}. {@code healthy} is null when the status carries no health information
     * (the task has no Mesos health check, or it has not run yet).
     */
    public record Status(String state, double timestamp, Boolean healthy, List<Label> labels, List<NetworkInfo> networkInfos) {
        public Status {
            labels = List.copyOf(labels);
            networkInfos = List.copyOf(networkInfos);
        }
    }

    /** {@code container_status.network_infos[]}: the addresses, in order (the list, else the legacy single one). */
    public record NetworkInfo(String name, List<String> ipAddresses, List<Label> labels) {
        public NetworkInfo {
            name = name == null ? "" : name;
            ipAddresses = List.copyOf(ipAddresses);
            labels = List.copyOf(labels);
        }
    }

    /** DiscoveryInfo with a non-empty name. */
    public record Discovery(String name, String visibility, List<DiscoveryPort> ports, List<Label> labels) {
        public Discovery {
            ports = List.copyOf(ports);
            labels = List.copyOf(labels);
        }
    }

    /** {@code discovery.ports.ports[]}. {@code protocol} and {@code name} are empty strings when absent. */
    public record DiscoveryPort(int number, String protocol, String name, List<Label> labels) {
        public DiscoveryPort {
            protocol = protocol == null ? "" : protocol;
            name = name == null ? "" : name;
            labels = List.copyOf(labels);
        }
    }

    /** A Mesos label. */
    public record Label(String key, String value) {
    }
}
