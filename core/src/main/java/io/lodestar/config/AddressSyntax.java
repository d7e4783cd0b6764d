package io.lodestar.config;

import io.lodestar.mesos.HostPort;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Address text as Mesos-DNS reads it: {@code host:port} split the way Go's {@code net.SplitHostPort} splits it
 * (same error texts), and IP literals parsed without any DNS lookup.
 */
final class AddressSyntax {

    /** A split {@code host:port}; the port is still text, as Go leaves it. */
    record Split(String host, String port) {
    }

    private AddressSyntax() {
    }

    /**
     * Splits {@code host:port} or {@code [host]:port}.
     *
     * @throws IllegalArgumentException with Go's text, e.g. {@code address 10.0.0.1: missing port in address}
     */
    static Split split(String hostPort) {
        int lastColon = hostPort.lastIndexOf(':');
        if (lastColon < 0) {
            throw addressError(hostPort, "missing port in address");
        }
        String host;
        int hostStart = 0;
        int hostEnd = 0;
        if (hostPort.charAt(0) == '[') {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw addressError(hostPort, "missing ']' in address");
            }
            if (close + 1 == hostPort.length()) {
                throw addressError(hostPort, "missing port in address");
            }
            if (close + 1 != lastColon) {
                throw addressError(hostPort, hostPort.charAt(close + 1) == ':'
                        ? "too many colons in address" : "missing port in address");
            }
            host = hostPort.substring(1, close);
            hostStart = 1;
            hostEnd = close + 1;
        } else {
            host = hostPort.substring(0, lastColon);
            if (host.indexOf(':') >= 0) {
                throw addressError(hostPort, "too many colons in address");
            }
        }
        if (hostPort.indexOf('[', hostStart) >= 0) {
            throw addressError(hostPort, "unexpected '[' in address");
        }
        if (hostPort.indexOf(']', hostEnd) >= 0) {
            throw addressError(hostPort, "unexpected ']' in address");
        }
        return new Split(host, hostPort.substring(lastColon + 1));
    }

    private static IllegalArgumentException addressError(String address, String why) {
        return new IllegalArgumentException(address.isEmpty() ? why : "address " + address + ": " + why);
    }

    /** A port 1..65535 written in decimal digits (leading zeros allowed, as Go's Atoi allows them), or -1. */
    static int port(String text) {
        int start = 0;
        while (start < text.length() - 1 && text.charAt(start) == '0') {
            start++;
        }
        int port = HostPort.parsePort(text.substring(start));
        return port > 0 ? port : -1;
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal (no brackets, no zone), or null when {@code text} is anything
     * else. Never resolves a name.
     */
    static byte[] ipLiteral(String text) {
        if (text.isEmpty() || text.indexOf('[') >= 0 || text.indexOf(']') >= 0 || text.indexOf('%') >= 0) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            // An IPv4-mapped IPv6 address comes back as IPv4, as Go's net.IP.String() prints it.
            return InetAddress.getByAddress(bytes).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** A canonical text of an IP literal (e.g. IPv6 zeros compressed), for spotting duplicates; null if not an IP. */
    static String canonicalIp(String text) {
        byte[] bytes = ipLiteral(text);
        return bytes == null ? null : NetUtil.bytesToIpAddress(bytes);
    }

    /** Table check: {@code listener} and {@code HTTPListener} must be IP literals (Mesos-DNS QUIRK 6). */
    static void requireIpLiteral(String key, String value) throws ConfigException {
        if (ipLiteral(value) == null) {
            throw new ConfigException(key, JsonKind.quote(value) + " is not an IP address"
                    + " (expected an IPv4 or IPv6 literal such as 0.0.0.0 or ::; host names are not allowed)");
        }
    }
}
