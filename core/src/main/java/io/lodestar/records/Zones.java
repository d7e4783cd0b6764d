package io.lodestar.records;

import io.lodestar.config.Config;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The zones Lodestar is authoritative for. Forward zones: the Mesos domain, and {@code thisdcos.directory.} when
 * {@code dcosZones} or {@code dcosVips} is on. Reverse zones: with {@code reverseLookups}, exactly the reverse name
 * of each published address ({@code 4.3.2.1.in-addr.arpa.}, 32 nibbles {@code .ip6.arpa.}) is a zone of its own,
 * so that every other reverse name, even one next to ours, is still forwarded. Names are lowercase FQDNs.
 */
public final class Zones {
    /** The DC/OS zone (dcos-net's names and the named VIPs). */
    public static final String DCOS = "thisdcos.directory.";
    /** The parent of every IPv4 reverse name. */
    public static final String IN_ADDR_ARPA = "in-addr.arpa.";
    /** The parent of every IPv6 reverse name. */
    public static final String IP6_ARPA = "ip6.arpa.";
    /** Labels of an IPv4 reverse name: 4 octets, {@code in-addr}, {@code arpa}. */
    public static final int IPV4_REVERSE_LABELS = 6;
    /** Labels of an IPv6 reverse name: 32 nibbles, {@code ip6}, {@code arpa}. */
    public static final int IPV6_REVERSE_LABELS = 34;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Zones() {
    }

    /** The forward zones of this configuration: the Mesos domain first, then {@link #DCOS} when it is served. */
    public static List<String> forward(Config config) {
        List<String> out = new ArrayList<>(2);
        out.add(config.domainFqdn());
        if (servesDcos(config)) {
            out.add(DCOS);
        }
        return List.copyOf(out);
    }

    /** True when {@code thisdcos.directory.} is served: {@code dcosZones} or {@code dcosVips}. */
    public static boolean servesDcos(Config config) {
        return config.dcosZones() || config.dcosVips();
    }

    /** True when {@code name} is {@code apex} or below it (both lowercase FQDNs). */
    public static boolean inZone(String name, String apex) {
        return name.equals(apex) || name.endsWith("." + apex) || apex.equals(".");
    }

    /** The reverse name of an address: {@code 4.3.2.1.in-addr.arpa.}, or 32 nibbles under {@code ip6.arpa.}. */
    public static String reverseName(IpLiteral ip) {
        byte[] b = NetUtil.createByteArrayFromIpAddressString(ip.text());
        StringBuilder sb = new StringBuilder(ip.v6() ? 73 : 29);
        if (!ip.v6()) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xFF).append('.');
            }
            return sb.append(IN_ADDR_ARPA).toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(HEX[b[i] & 0xF]).append('.').append(HEX[(b[i] >>> 4) & 0xF]).append('.');
        }
        return sb.append(IP6_ARPA).toString();
    }

    /** True when {@code name} is the reverse name of some address (a reverse zone apex). */
    public static boolean isReverseName(String name) {
        int labels = name.split("\\.", -1).length - 1;
        return (labels == IPV4_REVERSE_LABELS && name.endsWith("." + IN_ADDR_ARPA))
                || (labels == IPV6_REVERSE_LABELS && name.endsWith("." + IP6_ARPA));
    }
}
