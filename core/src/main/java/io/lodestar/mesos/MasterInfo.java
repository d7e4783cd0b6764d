package io.lodestar.mesos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.NetUtil;
import java.io.IOException;

/**
 * A Mesos {@code MasterInfo} as JSON, as masters write it into their ZooKeeper {@code json.info_} nodes and as the
 * operator API sends it in {@code SUBSCRIBED} (spec 3.3). Only what leader detection needs is kept.
 *
 * @param id       the master's id, may be empty
 * @param address  where the master listens, {@code host:port} (IPv6 bracketed), or {@code ""} when the info names
 *                 no usable host
 * @param pid      the libprocess pid, {@code master@host:port}, may be empty
 */
public record MasterInfo(String id, String address, String pid) {
    /** Mesos's default master port, used when MasterInfo gives none. */
    public static final int DEFAULT_PORT = 5050;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses a node's data. */
    public static MasterInfo parse(byte[] json) throws StateException {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StateException("MasterInfo is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StateException("MasterInfo could not be read: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new StateException("MasterInfo is not a JSON object");
        }
        return of(n);
    }

    /**
     * Reads a MasterInfo object. The address follows mesos-go (spec 3.3): {@code address.ip}:{@code address.port}
     * when {@code address} is present, else the deprecated packed {@code ip} (host byte order) and {@code port}.
     * Where upstream produces an unusable address, Lodestar falls back instead (QUIRK 6): a missing
     * {@code address.ip} uses {@code address.hostname}, then the legacy fields, then {@code hostname}; a missing
     * port is {@value #DEFAULT_PORT}. A field that is neither an IP literal nor a host name is skipped like a
     * missing one.
     */
    public static MasterInfo of(JsonNode n) {
        String host = "";
        int port = 0;
        JsonNode address = n.path("address");
        if (address.isObject()) {
            host = usable(Entries.text(address, "ip"));
            if (host.isEmpty()) {
                host = usable(Entries.text(address, "hostname"));
            }
            port = portOf(address.path("port"));
        }
        if (host.isEmpty()) {
            host = legacyIp(n.path("ip"));
        }
        if (host.isEmpty()) {
            host = usable(Entries.text(n, "hostname"));
        }
        if (port <= 0) {
            port = portOf(n.path("port"));
        }
        if (port <= 0) {
            port = DEFAULT_PORT;
        }
        String hostPort = host.isEmpty() ? "" : HostPort.join(host, port);
        return new MasterInfo(Entries.text(n, "id"), hostPort, Entries.text(n, "pid"));
    }

    /** The leader as a state document's {@code leader} field names it: the pid, else {@code master@address}. */
    public String leaderPid() {
        if (!pid.isEmpty()) {
            return pid;
        }
        return address.isEmpty() ? "" : "master@" + address;
    }

    /**
     * {@code host} when it is an IP literal or a host name (letters, digits, {@code -} and {@code _} in dot-separated
     * labels), else "": the master client puts it in a URL as it is, so nothing may change the URL's meaning (found
     * by MasterInfoFuzzTest: {@code "ip": "2001:db8::!"} went into the address).
     */
    static String usable(String host) {
        if (host.isEmpty() || host.length() > 253 || host.indexOf('%') >= 0) {
            return "";
        }
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return host;
        }
        int label = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return "";
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_') {
                if (++label > 63) {
                    return "";
                }
            } else {
                return "";
            }
        }
        return host;
    }

    private static int portOf(JsonNode port) {
        return port.canConvertToInt() && port.asInt() > 0 && port.asInt() <= 65535 ? port.asInt() : 0;
    }

    /** The deprecated packed IPv4 address: octets in host (little-endian) byte order; 0 or absent means none. */
    private static String legacyIp(JsonNode ip) {
        if (!ip.canConvertToLong()) {
            return "";
        }
        long v = ip.asLong() & 0xFFFF_FFFFL;
        if (v == 0) {
            return "";
        }
        return (v & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 24) & 0xFF);
    }
}
