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
 * variants, SRV from port resources and from DiscoveryInfo ports, task addresses from the IP sources (6.9); and,
 * beyond Mesos-DNS, the health filter ({@code healthyTasksOnly}), the reverse names of task addresses and the
 * DC/OS names of each task.
 */
final class TaskRecords {
    private final Config config;
    private final Labels labels;
    private final RecordEmitter out;
    private final String domain;
    private final TaskAddresses addresses;
    private final ReverseNames reverse;
    private final DcosRecords dcos;
    private final DcosVips vips;

    TaskRecords(Config config, Labels labels, RecordEmitter out, ReverseNames reverse) {
        this.config = config;
        this.labels = labels;
        this.out = out;
        this.domain = config.domainFqdn();
        this.addresses = new TaskAddresses(config);
        this.reverse = reverse;
        this.dcos = config.dcosZones() ? new DcosRecords(out) : null;
        this.vips = config.dcosVips() ? new DcosVips(out) : null;
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
            TaskAddresses.Chosen chosen = addresses.choose(task, agent);
            if (config.healthyTasksOnly() && chosen.knownUnhealthy()) {
                continue; // not counted: leaving out unhealthy tasks is what was asked for
            }
            Set<String> passes = namePasses(task);
            if (passes.isEmpty()) {
                out.skip("task: name has no usable characters", task.id());
                continue;
            }
            out.startTask();
            String canonical = null;
            for (String t : passes) {
                canonical = addPass(t, f, task, chosen.taskIps(), agent);
            }
            tasks.add(new RecordSet.EnumTask(task.name(), task.id(), out.endTask()));
            addBeyond(fw, task, chosen, agent, canonical + "." + f);
        }
        return new RecordSet.EnumFramework(fw.name(), tasks);
    }

    /**
     * The records beyond Mesos-DNS for one task, outside its enumeration entry: reverse names of its addresses and
     * its DC/OS names. {@code cf} is {@code <canonical label>.<framework>} of the last (sanitised) name pass.
     */
    private void addBeyond(MesosState.Framework fw, MesosState.Task task, TaskAddresses.Chosen chosen,
                           List<IpLiteral> agent, String cf) {
        reverse.addAll(chosen.taskIps(), cf + "." + domain, ReverseNames.Kind.TASK);
        if (dcos != null) {
            dcos.addTask(fw, task, chosen, agent);
        }
        if (vips != null) {
            vips.addTask(fw, task, chosen, agent, cf + "." + domain, cf + ".slave." + domain);
        }
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

    /** One name pass (spec 6.8.2 to 6.8.5); returns the canonical label {@code T-H-S} of the pass. */
    private String addPass(String t, String f, MesosState.Task task, List<IpLiteral> taskIps,
                           List<IpLiteral> agentIps) {
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
        return canonical;
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
}
