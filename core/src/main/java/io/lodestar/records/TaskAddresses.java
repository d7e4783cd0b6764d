package io.lodestar.records;

import io.lodestar.config.CidrBlock;
import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a task's addresses from its latest running status (spec 6.9): the task addresses of the Mesos names,
 * and its container addresses (every network info) for the DC/OS names. {@code preferredNetworks} and
 * {@code preferredCidrs} narrow both before the {@code IPSources} order applies (upstream issue #426): the first
 * preferred network with addresses wins, else the first preferred block that holds any candidate address.
 */
final class TaskAddresses {
    static final String DOCKER_IP_LABEL = "Docker.NetworkSettings.IPAddress";
    static final String MESOS_IP_LABEL = "MesosContainerizer.NetworkSettings.IPAddress";

    /**
     * One task's addresses.
     *
     * @param latest        the latest TASK_RUNNING status, or null
     * @param taskIps       the addresses of the Mesos task names (preference, then IP sources)
     * @param containerIps  the addresses of the task's network infos (narrowed by the preference when it matches)
     * @param healthy       null without a Mesos health check, else whether the latest running status is healthy
     */
    record Chosen(MesosState.Status latest, List<IpLiteral> taskIps, List<IpLiteral> containerIps, Boolean healthy) {
        Chosen {
            taskIps = List.copyOf(taskIps);
            containerIps = List.copyOf(containerIps);
        }

        /** True when the task has a health check and is not (yet) healthy. */
        boolean knownUnhealthy() {
            return Boolean.FALSE.equals(healthy);
        }
    }

    private final List<String> ipSources;
    private final List<String> networks;
    private final List<CidrBlock> cidrs;

    TaskAddresses(Config config) {
        this.ipSources = config.ipSources();
        this.networks = config.preferredNetworks();
        List<CidrBlock> blocks = new ArrayList<>();
        for (String text : config.preferredCidrs()) {
            CidrBlock block = CidrBlock.parse(text);
            if (block != null) {
                blocks.add(block);
            }
        }
        this.cidrs = List.copyOf(blocks);
    }

    Chosen choose(MesosState.Task task, List<IpLiteral> agentIps) {
        MesosState.Status latest = latestRunning(task.statuses());
        List<IpLiteral> network = new ArrayList<>();
        if (latest != null) {
            for (MesosState.NetworkInfo ni : latest.networkInfos()) {
                ni.ipAddresses().forEach(s -> addParsed(network, s));
            }
        }
        List<IpLiteral> preferredContainer = preferred(latest, network);
        List<IpLiteral> container = preferredContainer.isEmpty() ? network : preferredContainer;
        Boolean healthy = task.hasHealthCheck() ? latest != null && Boolean.TRUE.equals(latest.healthy()) : null;
        return new Chosen(latest, taskIps(latest, network, agentIps), container, healthy);
    }

    /** The preferred task addresses, else the addresses of the first IP source that yields any (spec 6.9). */
    private List<IpLiteral> taskIps(MesosState.Status latest, List<IpLiteral> network, List<IpLiteral> agentIps) {
        List<List<IpLiteral>> sources = new ArrayList<>();
        for (String source : ipSources) {
            List<IpLiteral> ips = new ArrayList<>();
            switch (source) {
                case "host" -> ips.addAll(agentIps);
                case "netinfo" -> ips.addAll(network);
                case "docker" -> labelIps(latest, DOCKER_IP_LABEL, ips);
                case "mesos" -> labelIps(latest, MESOS_IP_LABEL, ips);
                default -> { }
            }
            sources.add(ips);
        }
        List<IpLiteral> candidates = new ArrayList<>();
        sources.forEach(ips -> ips.forEach(ip -> addIfAbsent(candidates, ip)));
        List<IpLiteral> preferred = preferred(latest, candidates);
        if (!preferred.isEmpty()) {
            return preferred;
        }
        for (List<IpLiteral> ips : sources) {
            if (!ips.isEmpty()) {
                return ips;
            }
        }
        return List.of();
    }

    /**
     * The addresses of the first preferred network that has any, else the candidates inside the first preferred
     * block that holds any; empty when no preference matches.
     */
    private List<IpLiteral> preferred(MesosState.Status latest, List<IpLiteral> candidates) {
        if (latest != null) {
            for (String name : networks) {
                List<IpLiteral> ips = new ArrayList<>();
                for (MesosState.NetworkInfo ni : latest.networkInfos()) {
                    if (name.equals(ni.name())) {
                        ni.ipAddresses().forEach(s -> addParsed(ips, s));
                    }
                }
                if (!ips.isEmpty()) {
                    return ips;
                }
            }
        }
        for (CidrBlock block : cidrs) {
            List<IpLiteral> ips = new ArrayList<>();
            for (IpLiteral ip : candidates) {
                if (block.contains(NetUtil.createByteArrayFromIpAddressString(ip.text()))) {
                    ips.add(ip);
                }
            }
            if (!ips.isEmpty()) {
                return ips;
            }
        }
        return List.of();
    }

    private static void labelIps(MesosState.Status status, String key, List<IpLiteral> ips) {
        if (status == null) {
            return;
        }
        for (MesosState.Label l : status.labels()) {
            if (key.equals(l.key())) {
                addParsed(ips, l.value());
            }
        }
    }

    private static void addParsed(List<IpLiteral> ips, String s) {
        IpLiteral ip = IpLiteral.parse(s);
        if (ip != null) {
            addIfAbsent(ips, ip);
        }
    }

    private static void addIfAbsent(List<IpLiteral> ips, IpLiteral ip) {
        if (!ips.contains(ip)) {
            ips.add(ip);
        }
    }

    /** The TASK_RUNNING status with the greatest timestamp; ties go to the earliest in the list. */
    static MesosState.Status latestRunning(List<MesosState.Status> statuses) {
        MesosState.Status best = null;
        for (MesosState.Status s : statuses) {
            if ("TASK_RUNNING".equals(s.state()) && (best == null || s.timestamp() > best.timestamp())) {
                best = s;
            }
        }
        return best;
    }
}
