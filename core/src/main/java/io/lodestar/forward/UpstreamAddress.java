package io.lodestar.forward;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Reads a {@code resolvers} or {@code zoneResolvers} entry ({@code ip}, {@code ip:port}, {@code [ipv6]:port}; port
 * 53 by default) into a socket address without any name lookup. The config loader has validated the entries.
 */
public final class UpstreamAddress {

    private static final int DNS_PORT = 53;

    private UpstreamAddress() {
    }

    /**
     * The address of {@code entry}.
     *
     * @throws IllegalArgumentException when it is not an IP literal with an optional port 1..65535
     */
    public static InetSocketAddress parse(String entry) {
        String host = entry;
        int port = DNS_PORT;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || close + 1 >= entry.length() || entry.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("illegal resolver: " + entry);
            }
            host = entry.substring(1, close);
            port = port(entry, entry.substring(close + 2));
        } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') >= 0) {
            // One colon: IPv4 with a port. Several: a bare IPv6 address, port 53.
            host = entry.substring(0, entry.indexOf(':'));
            port = port(entry, entry.substring(entry.indexOf(':') + 1));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            throw new IllegalArgumentException("illegal resolver: " + entry + " (not an IP address)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static int port(String entry, String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("illegal resolver: " + entry + " (port must be 1..65535)");
        }
        return Integer.parseInt(text);
    }
}
