package io.lodestar.records;

import java.util.List;

/**
 * What record building needs besides the state and the config, all gathered beforehand so that building is a
 * pure function.
 *
 * @param masters           the masters list (spec 3.1): first = believed leader, may be {@code ""}; the rest in a
 *                          stable order (config order, or ZooKeeper sequence order), which numbers {@code masterN}
 * @param hosts             hostnames resolved before building
 * @param localAddresses    this machine's non-loopback interface addresses, used when {@code listener} is
 *                          {@code 0.0.0.0} (spec 6.6)
 */
public record BuildContext(List<String> masters, HostTable hosts, List<String> localAddresses) {
    public BuildContext {
        masters = List.copyOf(masters);
        localAddresses = List.copyOf(localAddresses);
    }

    /** Static masters from the config, no resolved hostnames, no interface addresses. */
    public static BuildContext of(List<String> masters) {
        return new BuildContext(masters, HostTable.EMPTY, List.of());
    }

    public BuildContext withHosts(HostTable table) {
        return new BuildContext(masters, table, localAddresses);
    }

    public BuildContext withLocalAddresses(List<String> addresses) {
        return new BuildContext(masters, hosts, addresses);
    }
}
