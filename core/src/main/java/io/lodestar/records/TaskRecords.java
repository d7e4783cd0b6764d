package io.lodestar.records;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Task records (spec 6.8) and their enumeration entries (spec 6.10): short and canonical names, {@code .slave}
 * variants, SRV from port resources and from DiscoveryInfo ports, task addresses from the IP sources (6.9).
 */
final class TaskRecords {
    static final String DOCKER_IP_LABEL = "Docker.NetworkSettings.IPAddress";
    static final String MESOS_IP_LABEL = "MesosContainerizer.NetworkSettings.IPAddress";

    private final Config config;
    private final Labels labels;
    private final RecordEmitter out;
    private final String domain;

    TaskRecords(Config config, Labels labels, RecordEmitter out) {
        this.config = config;
        this.labels = labels;
        this.out = out;
        this.domain = config.domainFqdn();
    }

    RecordSet.EnumFramework add(MesosState.Framework fw, Map<String, List<IpLiteral>> agentIps) {
        String f = labels.domainFrag(fw.name());
        List<RecordSet.EnumTask> tasks = new ArrayList<>();
        if (f.isEmpty()) {
            out.skip("framework: name has no usable characters", fw.name());
            return new RecordSet.EnumFramework(fw.name(), tasks);
        }
        for (MesosState.Task task : fw.tasks()) {
            if (!task.isRunning()) {
                continue;
            }
            List<IpLiteral> agent = agentIps.get(task.agentId());
            if (agent == null) {
                out.skip("task: agent not in state", task.id());
                continue;
            }
            Set<String> passes = namePasses(task);
            if (passes.isEmpty()) {
                out.skip("task: name has no usable characters", task.id());
                continue;
            }
            out.startTask();
            List<IpLiteral> taskIps = taskIps(task, agent);
            for (String t : passes) {
                addPass(t, f, task, taskIps, agent);
            }
            tasks.add(new RecordSet.EnumTask(task.name(), task.id(), out.endTask()));
        }
        return new RecordSet.EnumFramework(fw.name(), tasks);
    }

    /**
     * The task label of each name pass (spec 6.8.2): without DiscoveryInfo, the sanitised task name; with it, the
     * verbatim DiscoveryInfo name (lowercased, and only when it is a valid host name: QUIRK 5), then the sanitised one.
     */
    private Set<String> namePasses(MesosState.Task task) {
        Set<String> passes = new LinkedHashSet<>();
        if (task.discovery() != null) {
            String verbatim = task.discovery().name().toLowerCase(Locale.ROOT);
            if (DnsNames.isHostname(verbatim)) {
                passes.add(verbatim);
            }
            addIfNotEmpty(passes, labels.label(task.discovery().name()));
        } else {
            addIfNotEmpty(passes, labels.label(task.name()));
        }
        return passes;
    }

    private static void addIfNotEmpty(Set<String> set, String s) {
        if (!s.isEmpty()) {
            set.add(s);
        }
    }

    private void addPass(String t, String f, MesosState.Task task, List<IpLiteral> taskIps, List<IpLiteral> agentIps) {
        String fd = f + "." + domain;
        String fs = f + ".slave." + domain;
        String canonical = canonicalLabel(t, TaskHash.of(task.id()), agentTail(task.agentId()));
        String a = t + "." + fd;
        String c = canonical + "." + fd;
        String as = t + "." + fs;
        String cs = canonical + "." + fs;
        for (IpLiteral ip : taskIps) {
            out.addIp(a, ip);
            out.addIp(c, ip);
        }
        for (IpLiteral ip : agentIps) {
            out.addIp(as, ip);
            out.addIp(cs, ip);
        }
        boolean di = task.discovery() != null;
        for (int port : task.ports()) {
            out.addSrv("_" + t + "._tcp." + fs, cs, port);
            out.addSrv("_" + t + "._udp." + fs, cs, port);
            if (!di) {
                out.addSrv("_" + t + "._tcp." + fd, cs, port);
                out.addSrv("_" + t + "._udp." + fd, cs, port);
            }
        }
        if (di) {
            for (MesosState.DiscoveryPort p : task.discovery().ports()) {
                String proto = labels.label(p.protocol());
                String name = labels.label(p.name());
                for (String x : proto.isEmpty() ? List.of("tcp", "udp") : List.of(proto)) {
                    out.addSrv("_" + t + "._" + x + "." + fd, c, p.number());
                    if (!name.isEmpty()) {
                        out.addSrv("_" + name + "._" + t + "._" + x + "." + fd, c, p.number());
                    }
                }
            }
        }
    }

    /**
     * {@code T-H-S}, with the task part shortened (and any trailing {@code -} dropped) so that the label that carries
     * the suffix stays within 63 bytes (QUIRK 8: upstream emits longer labels and then fails to answer).
     */
    static String canonicalLabel(String t, String hash, String tail) {
        String suffix = "-" + hash + (tail.isEmpty() ? "" : "-" + tail);
        int lastDot = t.lastIndexOf('.');
        int room = 63 - suffix.length();
        int lastLabelLength = t.length() - lastDot - 1;
        if (lastLabelLength <= room) {
            return t + suffix;
        }
        String cut = t.substring(0, lastDot + 1 + Math.max(room, 0));
        int end = cut.length();
        while (end > lastDot + 1 && cut.charAt(end - 1) == '-') {
            end--;
        }
        return cut.substring(0, end) + suffix;
    }

    /** Spec 6.3: the part of the agent id after its last {@code -}, lowercased, as a legal label of up to 20 bytes. */
    static String agentTail(String agentId) {
        String tail = agentId.substring(agentId.lastIndexOf('-') + 1);
        String label = Labels.RFC1123.label(tail);
        return label.length() > 20 ? label.substring(0, 20) : label;
    }

    /** Spec 6.9: the addresses of the first IP source that yields any. */
    private List<IpLiteral> taskIps(MesosState.Task task, List<IpLiteral> agentIps) {
        MesosState.Status latest = latestRunning(task.statuses());
        for (String source : config.ipSources()) {
            List<IpLiteral> ips = new ArrayList<>();
            switch (source) {
                case "host" -> ips.addAll(agentIps);
                case "netinfo" -> {
                    if (latest != null) {
                        for (MesosState.NetworkInfo ni : latest.networkInfos()) {
                            ni.ipAddresses().forEach(s -> addParsed(ips, s));
                        }
                    }
                }
                case "docker" -> labelIps(latest, DOCKER_IP_LABEL, ips);
                case "mesos" -> labelIps(latest, MESOS_IP_LABEL, ips);
                default -> { }
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
        if (ip != null && !ips.contains(ip)) {
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
