package io.lodestar.records;

import io.lodestar.mesos.HostPort;
import java.util.List;

/**
 * {@code leader}, {@code master}, {@code masterN} and the {@code _leader} SRV records (spec 6.7), from the masters
 * list and the state's {@code leader} field. Hostnames are looked up in the {@link HostTable}; one that did not
 * resolve gives no records (QUIRK 6: upstream crashes).
 */
final class MasterRecords {
    private MasterRecords() {
    }

    /** The {@code host:port} of a {@code name@host:port} leader field, or null when there is none (spec 6.7 step 1). */
    static HostPort leaderAddress(String leader) {
        if (leader == null) {
            return null;
        }
        String[] parts = leader.split("@", -1);
        if (parts.length < 2) {
            return null;
        }
        return splitMaster(parts[1]);
    }

    /** Splits {@code host:port} as upstream does: the standard split, else at the first colon; null without one. */
    static HostPort splitMaster(String m) {
        if (m == null || m.isEmpty()) {
            return null;
        }
        HostPort hp = HostPort.parse(m);
        if (hp != null) {
            return hp.host().isEmpty() ? null : hp;
        }
        int colon = m.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        int port = HostPort.parsePort(m.substring(colon + 1));
        return port < 0 ? null : new HostPort(m.substring(0, colon), port);
    }

    static void add(RecordEmitter out, String domain, String leaderField, List<String> masters, HostTable hosts,
                    ReverseNames reverse) {
        HostPort leader = leaderAddress(leaderField);
        if (leader == null) {
            return;
        }
        String leaderText = leader.toString();
        List<IpLiteral> leaderIps = hosts.lookup(leader.host());
        if (leaderIps.isEmpty()) {
            out.skip("leader: hostname did not resolve", leader.host());
            return;
        }
        String leaderName = "leader." + domain;
        String masterName = "master." + domain;
        for (IpLiteral ip : leaderIps) {
            out.addIp(leaderName, ip);
            out.addIp(masterName, ip);
        }
        reverse.addAll(leaderIps, leaderName, ReverseNames.Kind.LEADER);
        out.addSrv("_leader._tcp." + domain, leaderName, leader.port());
        out.addSrv("_leader._udp." + domain, leaderName, leader.port());

        int idx = 0;
        boolean leaderNumbered = false;
        for (String m : masters) {
            HostPort hp = splitMaster(m);
            if (hp == null) {
                continue; // includes the empty "leader unknown" slot
            }
            boolean isLeader = hp.toString().equals(leaderText);
            List<IpLiteral> ips = isLeader ? leaderIps : hosts.lookup(hp.host());
            if (ips.isEmpty()) {
                out.skip("master: hostname did not resolve", hp.host());
                continue;
            }
            if (!isLeader) {
                boolean added = false;
                for (IpLiteral ip : ips) {
                    added |= out.addIp(masterName, ip);
                }
                if (!added) {
                    continue; // the same address as an earlier entry (or the leader's)
                }
            } else if (leaderNumbered) {
                continue;
            }
            for (IpLiteral ip : ips) {
                out.addIp("master" + idx + "." + domain, ip);
            }
            reverse.addAll(ips, "master" + idx + "." + domain, ReverseNames.Kind.MASTER);
            idx++;
            leaderNumbered |= isLeader;
        }
        if (!leaderNumbered) {
            for (IpLiteral ip : leaderIps) {
                out.addIp("master" + idx + "." + domain, ip);
            }
            reverse.addAll(leaderIps, "master" + idx + "." + domain, ReverseNames.Kind.MASTER);
        }
    }
}
