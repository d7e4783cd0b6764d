package io.lodestar.server.forward;

import io.lodestar.config.Config;
import io.lodestar.forward.UpstreamAddress;
import io.lodestar.forward.ZoneTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream groups of the configuration: one per {@code zoneResolvers} zone and the default {@code resolvers}
 * (already filled from resolv.conf by the config loader when empty), each an ordered array of {@link Upstream}s.
 * An address listed in several groups is one {@link Upstream}, with one health memory. Immutable.
 */
final class Upstreams {
    private static final Upstream[] NONE = new Upstream[0];

    private final ZoneTable<Upstream[]> zones;
    private final Map<InetSocketAddress, Upstream> byAddress;

    private Upstreams(ZoneTable<Upstream[]> zones, Map<InetSocketAddress, Upstream> byAddress) {
        this.zones = zones;
        this.byAddress = byAddress;
    }

    /** The groups of {@code config}; none at all when {@code externalon} is false. */
    static Upstreams from(Config config) {
        Map<InetSocketAddress, Upstream> byAddress = new LinkedHashMap<>();
        if (!config.externalOn()) {
            return new Upstreams(ZoneTable.of(Map.of(), NONE), byAddress);
        }
        Map<String, Upstream[]> groups = new LinkedHashMap<>();
        config.zoneResolvers().forEach((zone, entries) -> groups.put(zone, group(entries, byAddress)));
        Upstream[] fallback = group(config.resolvers(), byAddress);
        return new Upstreams(ZoneTable.of(groups, fallback), byAddress);
    }

    private static Upstream[] group(List<String> entries, Map<InetSocketAddress, Upstream> byAddress) {
        List<Upstream> group = new ArrayList<>();
        for (String entry : entries) {
            InetSocketAddress address = UpstreamAddress.parse(entry);
            Upstream u = byAddress.computeIfAbsent(address, a -> new Upstream(byAddress.size(), a));
            if (!group.contains(u)) {
                group.add(u);
            }
        }
        return group.toArray(NONE);
    }

    /** The group for a lowercase wire name, in configured order; empty when there is no upstream for it. */
    Upstream[] select(byte[] lowerName, int nameLength) {
        return zones.select(lowerName, nameLength);
    }

    /** The upstream a reply came from, or null when the sender is not one of ours. */
    Upstream find(InetSocketAddress sender) {
        return byAddress.get(sender);
    }

    /** Every upstream, in configuration order. */
    List<Upstream> all() {
        return List.copyOf(byAddress.values());
    }

    /** True when an upstream has an IPv6 address, so upstream sockets must be able to reach IPv6. */
    boolean anyIpv6() {
        return byAddress.keySet().stream().anyMatch(a -> a.getAddress() instanceof java.net.Inet6Address);
    }
}
