package io.lodestar.records;

import io.lodestar.mesos.MesosState;
import java.util.List;
import java.util.Map;

/**
 * The names dcos-net (Navstar) publishes under {@code dcos.thisdcos.directory.}, and the mirror of the Mesos domain
 * under {@code mesos.thisdcos.directory.} ({@code dcosZones}). Per task: {@code <task>.<framework>.agentip} (agent
 * addresses), {@code .containerip} (network-info addresses) and {@code .autoip} (agent addresses when the task has
 * host ports or no container address, else container addresses); {@code leader} and {@code master}.
 */
final class DcosRecords {
    static final String DCOS = "dcos." + Zones.DCOS;
    static final String MESOS_MIRROR = "mesos." + Zones.DCOS;

    private final RecordEmitter out;

    DcosRecords(RecordEmitter out) {
        this.out = out;
    }

    /** The agentip, containerip and autoip names of one published task. */
    void addTask(MesosState.Framework fw, MesosState.Task task, TaskAddresses.Chosen addresses,
                 List<IpLiteral> agentIps) {
        String t = taskLabel(task);
        String f = DcosNames.label(fw.name());
        if (t.isEmpty() || f.isEmpty()) {
            out.skip("dcos: name has no usable characters", task.id());
            return;
        }
        String base = t + "." + f + ".";
        List<IpLiteral> container = addresses.containerIps();
        addAll(base + "agentip." + DCOS, agentIps);
        addAll(base + "containerip." + DCOS, container);
        // dcos-net: agent address when the task maps host ports; a task with port resources has host ports.
        boolean hostPorts = !task.ports().isEmpty();
        addAll(base + "autoip." + DCOS, hostPorts || container.isEmpty() ? agentIps : container);
    }

    /** The DC/OS task label: the DiscoveryInfo name when there is one (as dcos-net), else the task name. */
    static String taskLabel(MesosState.Task task) {
        return DcosNames.name(task.discovery() != null ? task.discovery().name() : task.name());
    }

    /** {@code leader.dcos.thisdcos.directory.} and {@code master.dcos...}: copies of the Mesos domain's. */
    void addMasters(String domain) {
        copyAddresses("leader." + domain, "leader." + DCOS);
        copyAddresses("master." + domain, "master." + DCOS);
    }

    private void copyAddresses(String from, String to) {
        RecordSet.Builder records = out.records();
        for (String ip : records.aValues(from)) {
            out.addIp(to, IpLiteral.parse(ip));
        }
        for (String ip : records.aaaaValues(from)) {
            out.addIp(to, IpLiteral.parse(ip));
        }
    }

    /**
     * Every A, AAAA and SRV record of the Mesos domain again under {@code mesos.thisdcos.directory.}, SRV targets in
     * the domain moved along, so that the mirror answers like the domain (DC/OS names Mesos-DNS's zone so).
     */
    void addMirror(String domain) {
        RecordSet current = out.records().snapshot();
        mirrorAddresses(current.a(), domain);
        mirrorAddresses(current.aaaa(), domain);
        for (Map.Entry<String, List<RecordSet.Srv>> e : current.srv().entrySet()) {
            if (Zones.inZone(e.getKey(), domain)) {
                for (RecordSet.Srv srv : e.getValue()) {
                    String target = Zones.inZone(srv.target(), domain) ? mirror(srv.target(), domain) : srv.target();
                    out.addSrv(mirror(e.getKey(), domain), target, srv.port());
                }
            }
        }
    }

    private void mirrorAddresses(Map<String, List<String>> values, String domain) {
        values.forEach((name, ips) -> {
            if (Zones.inZone(name, domain)) {
                for (String ip : ips) {
                    IpLiteral lit = IpLiteral.parse(ip);
                    if (lit != null) {
                        out.addIp(mirror(name, domain), lit);
                    }
                }
            }
        });
    }

    private static String mirror(String name, String domain) {
        return name.substring(0, name.length() - domain.length()) + MESOS_MIRROR;
    }

    private void addAll(String name, List<IpLiteral> ips) {
        for (IpLiteral ip : ips) {
            out.addIp(name, ip);
        }
    }
}
