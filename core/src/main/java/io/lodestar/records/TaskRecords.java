package io.lodestar.records;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Task records (spec 6.8) and their enumeration entries (spec 6.10): short and canonical names, {@code .slave}
 * variants, SRV from port resources and from DiscoveryInfo ports, task addresses from the IP sources (6.9); and,
 * beyond Mesos-DNS, the health filter ({@code healthyTasksOnly}), the reverse names of task addresses and the
 * DC/OS names of each task.
 */
final class TaskRecords {
    private static final List<String> TCP_AND_UDP = List.of("tcp", "udp");

    private final Config config;
    private final Labels labels;
    private final RecordEmitter out;
    private final TaskAddresses addresses;
    private final ReverseNames reverse;
    private final DcosRecords dcos;
    private final DcosVips vips;
    private final TaskNames names;
    /** The canonical names {@code C.F.domain} and {@code C.F.slave.domain} of the last pass added. */
    private String canonical;
    private String canonicalSlave;
    /** The hash of the current task, and the canonical names being made: reused task after task. */
    private final char[] hash = new char[5];
    private final StringBuilder scratch = new StringBuilder(128);

    TaskRecords(Config config, Labels labels, RecordEmitter out, ReverseNames reverse) {
        this.config = config;
        this.labels = labels;
        this.out = out;
        this.addresses = new TaskAddresses(config);
        this.reverse = reverse;
        this.dcos = config.dcosZones() ? new DcosRecords(out) : null;
        this.vips = config.dcosVips() ? new DcosVips(out) : null;
        this.names = new TaskNames(labels, config.domainFqdn());
    }

    RecordSet.EnumFramework add(MesosState.Framework fw, Map<String, List<IpLiteral>> agentIps) {
        String f = labels.domainFrag(fw.name());
        List<RecordSet.EnumTask> tasks = new ArrayList<>();
        if (f.isEmpty()) {
            out.skip("framework: name has no usable characters", fw.name());
            return new RecordSet.EnumFramework(fw.name(), tasks);
        }
        TaskNames.Framework fwNames = names.framework(f);
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
            List<String> passes = names.passes(task);
            if (passes.isEmpty()) {
                out.skip("task: name has no usable characters", task.id());
                continue;
            }
            out.startTask();
            names.hash(task.id(), hash);
            String tail = names.agentTail(task.agentId());
            for (String t : passes) {
                addPass(fwNames, fwNames.pass(t), hash, tail, task, chosen.taskIps(), agent);
            }
            tasks.add(new RecordSet.EnumTask(task.name(), task.id(), out.endTask()));
            addBeyond(fw, task, chosen, agent);
        }
        return new RecordSet.EnumFramework(fw.name(), tasks);
    }

    /**
     * The records beyond Mesos-DNS for one task, outside its enumeration entry: reverse names of its addresses and
     * its DC/OS names, from the canonical names of the last (sanitised) name pass.
     */
    private void addBeyond(MesosState.Framework fw, MesosState.Task task, TaskAddresses.Chosen chosen,
                           List<IpLiteral> agent) {
        reverse.addAll(chosen.taskIps(), canonical, ReverseNames.Kind.TASK);
        if (dcos != null) {
            dcos.addTask(fw, task, chosen, agent);
        }
        if (vips != null) {
            vips.addTask(fw, task, chosen, agent, canonical, canonicalSlave);
        }
    }

    /** One name pass (spec 6.8.2 to 6.8.5), leaving its canonical names in {@link #canonical} and its slave twin. */
    private void addPass(TaskNames.Framework fw, TaskNames.Pass pass, char[] hash, String tail, MesosState.Task task,
                         List<IpLiteral> taskIps, List<IpLiteral> agentIps) {
        StringBuilder name = scratch;
        name.setLength(0);
        appendCanonicalLabel(name, pass.t, hash, tail);
        int label = name.length();
        String c = name.append('.').append(fw.fd).toString();
        name.setLength(label);
        String cs = name.append('.').append(fw.fs).toString();
        for (int i = 0; i < taskIps.size(); i++) {
            out.addIp(pass.a, taskIps.get(i));
            out.addIp(c, taskIps.get(i));
        }
        for (int i = 0; i < agentIps.size(); i++) {
            out.addIp(pass.as, agentIps.get(i));
            out.addIp(cs, agentIps.get(i));
        }
        boolean di = task.discovery() != null;
        List<Integer> ports = task.ports();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            out.addSrv(pass.tcpSlave, cs, port);
            out.addSrv(pass.udpSlave, cs, port);
            if (!di) {
                out.addSrv(pass.tcp, cs, port);
                out.addSrv(pass.udp, cs, port);
            }
        }
        if (di) {
            for (MesosState.DiscoveryPort p : task.discovery().ports()) {
                String proto = names.label(p.protocol());
                String portName = names.label(p.name());
                for (String x : proto.isEmpty() ? TCP_AND_UDP : List.of(proto)) {
                    out.addSrv(pass.discoverySrv("", x), c, p.number());
                    if (!portName.isEmpty()) {
                        out.addSrv(pass.discoverySrv(portName, x), c, p.number());
                    }
                }
            }
        }
        canonical = c;
        canonicalSlave = cs;
    }

    /**
     * {@code T-H-S}, with the task part shortened (and any trailing {@code -} dropped) so that the label that carries
     * the suffix stays within 63 bytes (QUIRK 8: upstream emits longer labels and then fails to answer).
     */
    static String canonicalLabel(String t, String hash, String tail) {
        StringBuilder label = new StringBuilder(63);
        appendCanonicalLabel(label, t, hash.toCharArray(), tail);
        return label.toString();
    }

    /** Appends {@link #canonicalLabel} to {@code out}, so that a task's canonical names are made without copies. */
    static void appendCanonicalLabel(StringBuilder out, String t, char[] hash, String tail) {
        int suffix = 1 + hash.length + (tail.isEmpty() ? 0 : 1 + tail.length());
        int lastDot = t.lastIndexOf('.');
        int room = 63 - suffix;
        int lastLabelLength = t.length() - lastDot - 1;
        if (lastLabelLength <= room) {
            out.append(t);
        } else {
            int end = lastDot + 1 + Math.max(room, 0);
            while (end > lastDot + 1 && t.charAt(end - 1) == '-') {
                end--;
            }
            out.append(t, 0, end);
        }
        out.append('-').append(hash);
        if (!tail.isEmpty()) {
            out.append('-').append(tail);
        }
    }

    /** Spec 6.3: the part of the agent id after its last {@code -}, lowercased, as a legal label of up to 20 bytes. */
    static String agentTail(String agentId) {
        String tail = agentId.substring(agentId.lastIndexOf('-') + 1);
        String label = Labels.RFC1123.label(tail);
        return label.length() > 20 ? label.substring(0, 20) : label;
    }
}
