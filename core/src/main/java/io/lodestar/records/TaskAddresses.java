package io.lodestar.records;

import io.lodestar.config.CidrBlock;
import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Addresses parsed so far in this build, by their text: tasks on one agent share its address. */
    private final Map<String, IpLiteral> parsed = new HashMap<>();

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
        List<IpLiteral> network = List.of();
        if (latest != null && !latest.networkInfos().isEmpty()) {
            List<IpLiteral> ips = new ArrayList<>(2);
            for (MesosState.NetworkInfo ni : latest.networkInfos()) {
                for (String s : ni.ipAddresses()) {
                    addParsed(ips, s);
                }
            }
            network = List.copyOf(ips);
        }
        List<IpLiteral> preferredContainer = preferred(latest, network);
        List<IpLiteral> container = preferredContainer.isEmpty() ? network : preferredContainer;
        Boolean healthy = task.hasHealthCheck() ? latest != null && Boolean.TRUE.equals(latest.healthy()) : null;
        return new Chosen(latest, taskIps(latest, network, agentIps), container, healthy);
    }

    /** The preferred task addresses, else the addresses of the first IP source that yields any (spec 6.9). */
    private List<IpLiteral> taskIps(MesosState.Status latest, List<IpLiteral> network, List<IpLiteral> agentIps) {
        if (networks.isEmpty() && cidrs.isEmpty()) {
            for (String source : ipSources) { // no preference: the first source with addresses, the others unread
                List<IpLiteral> ips = source(source, latest, network, agentIps);
                if (!ips.isEmpty()) {
                    return ips;
                }
            }
            return List.of();
        }
        List<List<IpLiteral>> sources = new ArrayList<>();
        for (String source : ipSources) {
            sources.add(source(source, latest, network, agentIps));
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

    private List<IpLiteral> source(String source, MesosState.Status latest, List<IpLiteral> network,
                                   List<IpLiteral> agentIps) {
        return switch (source) {
            case "host" -> agentIps;
            case "netinfo" -> network;
            case "docker" -> labelIps(latest, DOCKER_IP_LABEL);
            case "mesos" -> labelIps(latest, MESOS_IP_LABEL);
            default -> List.of();
        };
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
                        for (String s : ni.ipAddresses()) {
                            addParsed(ips, s);
                        }
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

    private List<IpLiteral> labelIps(MesosState.Status status, String key) {
        if (status == null || status.labels().isEmpty()) {
            return List.of();
        }
        List<IpLiteral> ips = new ArrayList<>(1);
        for (MesosState.Label l : status.labels()) {
            if (key.equals(l.key())) {
                addParsed(ips, l.value());
            }
        }
        return ips;
    }

    private void addParsed(List<IpLiteral> ips, String s) {
        IpLiteral ip = parsed.get(s);
        if (ip == null) {
            ip = IpLiteral.parse(s);
            if (ip == null) {
                return;
            }
            parsed.put(s, ip);
        }
        addIfAbsent(ips, ip);
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
