package io.lodestar.records;

import io.lodestar.mesos.HostPort;
import io.lodestar.mesos.MesosState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hostnames already resolved to IP literals, so that record building does no I/O (Mesos-DNS resolves them
 * synchronously while building, QUIRK 9). A hostname missing from the table is treated as unresolvable: it gets
 * no records (QUIRK 7 fixed), it never becomes a record value.
 */
public final class HostTable {
    public static final HostTable EMPTY = new HostTable(Map.of());

    private final Map<String, List<IpLiteral>> addresses;

    private HostTable(Map<String, List<IpLiteral>> addresses) {
        this.addresses = addresses;
    }

    /** A table from hostname (any case) to its addresses as text; unparsable addresses are dropped. */
    public static HostTable of(Map<String, List<String>> resolved) {
        Map<String, List<IpLiteral>> m = new TreeMap<>();
        resolved.forEach((host, ips) -> {
            List<IpLiteral> list = new ArrayList<>();
            for (String ip : ips) {
                IpLiteral lit = IpLiteral.parse(ip);
                if (lit != null && !list.contains(lit)) {
                    list.add(lit);
                }
            }
            m.put(host.toLowerCase(Locale.ROOT), List.copyOf(list));
        });
        return new HostTable(Collections.unmodifiableMap(m));
    }

    /** The addresses of a host: itself when it is an IP literal, else what the table holds (maybe nothing). */
    public List<IpLiteral> lookup(String host) {
        IpLiteral lit = IpLiteral.parse(host);
        if (lit != null) {
            return List.of(lit);
        }
        return addresses.getOrDefault(host.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every hostname in the table, lowercase. */
    public Set<String> hostnames() {
        return addresses.keySet();
    }

    /**
     * The hostnames (not IP literals) that building records for this state and masters list will look up: agent
     * and framework hosts, the leader's host and the hosts of the masters list. Resolve these before building.
     */
    public static Set<String> hostnamesIn(MesosState state, List<String> masters) {
        Set<String> out = new TreeSet<>();
        for (MesosState.Agent agent : state.agents()) {
            if (agent.pid() != null) {
                addIfName(out, agent.pid().host());
            }
        }
        for (MesosState.Framework fw : state.frameworks()) {
            addIfName(out, fw.pid() != null ? fw.pid().host() : fw.hostname());
        }
        HostPort leader = MasterRecords.leaderAddress(state.leader());
        if (leader != null) {
            addIfName(out, leader.host());
        }
        for (String m : masters) {
            HostPort hp = MasterRecords.splitMaster(m);
            if (hp != null) {
                addIfName(out, hp.host());
            }
        }
        return out;
    }

    private static void addIfName(Set<String> out, String host) {
        if (host != null && !host.isEmpty() && !IpLiteral.isIp(host)) {
            out.add(host.toLowerCase(Locale.ROOT));
        }
    }
}
