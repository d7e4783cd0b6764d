package io.lodestar.records;

import io.lodestar.mesos.HostPort;
import io.lodestar.mesos.MesosState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Named VIPs ({@code dcosVips}) as DNS names of their backends, since Lodestar has no layer-4 data plane:
 * {@code <vip>.<framework>.l4lb.thisdcos.directory.} A/AAAA to the container addresses of the backends whose
 * container port is the VIP port, and {@code _<vip>._<proto>.<framework>.l4lb.thisdcos.directory.} SRV to each
 * backend's reachable address and port. VIPs come, as in dcos-net, from DiscoveryInfo port labels whose key starts
 * with {@code VIP} or {@code vip} ({@code "name:80"}) and from task labels {@code VIP_PORT<n>}
 * ({@code "tcp://name:80"}, the n-th port resource). IP VIPs ({@code "172.16.0.1:80"}) give no names.
 */
final class DcosVips {
    static final String L4LB = "l4lb." + Zones.DCOS;

    /** One backend of one VIP: where the task listens for it. */
    private record Backend(String vip, String protocol, int port, boolean hostPort) {
    }

    private final RecordEmitter out;

    DcosVips(RecordEmitter out) {
        this.out = out;
    }

    /**
     * The VIP records of one published task. {@code canonical} and {@code canonicalSlave} are its canonical Mesos
     * names ({@code C} resolves to the task addresses, {@code C_s} to the agent's), the SRV targets.
     */
    void addTask(MesosState.Framework fw, MesosState.Task task, TaskAddresses.Chosen addresses,
                 List<IpLiteral> agentIps, String canonical, String canonicalSlave) {
        if (addresses.knownUnhealthy()) {
            return; // as dcos-net: a task with a failing (or not yet passing) health check is no VIP backend
        }
        List<IpLiteral> container = addresses.containerIps();
        boolean hostNetwork = !container.isEmpty() && new HashSet<>(container).equals(new HashSet<>(agentIps));
        boolean canonicalIsContainer = !addresses.taskIps().isEmpty() && container.containsAll(addresses.taskIps());
        for (Backend b : backends(task)) {
            int colon = b.vip().lastIndexOf(':');
            int vipPort = colon < 0 ? -1 : HostPort.parsePort(b.vip().substring(colon + 1));
            String vipName = colon < 0 ? "" : b.vip().substring(0, colon);
            if (vipPort <= 0 || vipName.isEmpty()) {
                out.skip("vip: malformed VIP label", task.id());
                continue;
            }
            if (IpLiteral.isIp(vipName) || IpLiteral.isIp(stripBrackets(vipName))) {
                continue; // an IP VIP: a data-plane address, no name
            }
            String v = DcosNames.name(vipName);
            String f = DcosNames.label(fw.name());
            if (v.isEmpty() || f.isEmpty()) {
                out.skip("vip: name has no usable characters", task.id());
                continue;
            }
            List<String> owners = new ArrayList<>(List.of(v + "." + f + "." + L4LB));
            String dcosNet = DcosNames.domainFrag(vipName) + "." + DcosNames.domainFrag(fw.name()) + "." + L4LB;
            if (!dcosNet.startsWith(".") && !dcosNet.contains("..") && !owners.contains(dcosNet)) {
                owners.add(dcosNet); // the exact name DC/OS gives the VIP (slashes dropped, dots kept)
            }
            List<IpLiteral> direct = b.hostPort() ? (hostNetwork ? agentIps : List.of()) : container;
            if (b.port() == vipPort) {
                for (String owner : owners) {
                    direct.forEach(ip -> out.addIp(owner, ip));
                }
            }
            String srvOwner = "_" + v + "._" + b.protocol() + "." + f + "." + L4LB;
            if (b.hostPort()) {
                if (!agentIps.isEmpty()) {
                    out.addSrv(srvOwner, canonicalSlave, b.port());
                }
            } else if (canonicalIsContainer) {
                out.addSrv(srvOwner, canonical, b.port());
            } else if (!container.isEmpty()) {
                out.skip("vip: no name holds the backend's container address", task.id());
            }
        }
    }

    /** The VIP backends a task declares, in label order. */
    private static List<Backend> backends(MesosState.Task task) {
        List<Backend> out = new ArrayList<>();
        if (task.discovery() != null) {
            for (MesosState.DiscoveryPort p : task.discovery().ports()) {
                String protocol = p.protocol().isEmpty() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
                if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                    continue;
                }
                boolean hostPort = hostScope(p, task.ports());
                for (MesosState.Label l : p.labels()) {
                    if (l.key().startsWith("VIP") || l.key().startsWith("vip")) {
                        out.add(new Backend(l.value(), protocol, p.number(), hostPort));
                    }
                }
            }
        }
        for (MesosState.Label l : task.labels()) {
            String key = l.key().toLowerCase(Locale.ROOT);
            if (!key.startsWith("vip_port")) {
                continue;
            }
            int index = HostPort.parsePort(key.substring("vip_port".length()));
            String value = l.value();
            String protocol = value.startsWith("tcp://") ? "tcp" : value.startsWith("udp://") ? "udp" : null;
            if (index < 0 || index >= task.ports().size() || protocol == null) {
                continue;
            }
            out.add(new Backend(value.substring(6), protocol, task.ports().get(index), true));
        }
        return out;
    }

    /**
     * Whether a DiscoveryInfo port is a host port: the {@code network-scope} label Marathon sets says so; without
     * it (older Marathon), a number among the task's port resources is a host port, any other a container port.
     */
    private static boolean hostScope(MesosState.DiscoveryPort p, List<Integer> resourcePorts) {
        for (MesosState.Label l : p.labels()) {
            if (l.key().equals("network-scope")) {
                return l.value().equals("host");
            }
        }
        return resourcePorts.contains(p.number());
    }

    private static String stripBrackets(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

}
