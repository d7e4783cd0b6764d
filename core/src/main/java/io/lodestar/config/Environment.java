package io.lodestar.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What validating a configuration reads from the machine: the resolv.conf to fall back on when {@code resolvers}
 * is empty, and the local interface addresses to drop from it. Tests pass a temp file and fake addresses.
 *
 * @param resolvConf     the resolv.conf file ({@code /etc/resolv.conf} on a real machine)
 * @param localAddresses every address of every local interface, loopback included; asked only when needed
 */
public record Environment(Path resolvConf, Supplier<List<InetAddress>> localAddresses) {

    public Environment {
        Objects.requireNonNull(resolvConf, "resolvConf");
        Objects.requireNonNull(localAddresses, "localAddresses");
    }

    /** The real machine: {@code /etc/resolv.conf} and the addresses of its network interfaces. */
    public static Environment system() {
        return new Environment(Path.of("/etc/resolv.conf"), Environment::interfaceAddresses);
    }

    /**
     * Every address of every interface, up or down. When the interfaces cannot be listed the answer is empty, as
     * Mesos-DNS carries on then too: no nameserver is dropped.
     */
    private static List<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
        } catch (SocketException e) {
            return List.of();
        }
    }
}
