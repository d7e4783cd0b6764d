package io.lodestar.mesos;

/**
 * A libprocess PID, {@code name@host:port} (for example {@code slave(1)@10.0.0.1:5051}). The host may be an IP
 * literal or a hostname; it is never resolved here.
 */
public record Pid(String name, String host, int port) {

    /**
     * Parses {@code name@host:port}: exactly one {@code @}, then a host and a port 0..65535 (IPv6 hosts may be
     * bracketed). Returns null when the text is not of that form.
     */
    public static Pid parse(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf('@');
        if (at < 0 || text.indexOf('@', at + 1) >= 0) {
            return null;
        }
        HostPort hp = HostPort.parse(text.substring(at + 1));
        if (hp == null || hp.host().isEmpty()) {
            return null;
        }
        return new Pid(text.substring(0, at), hp.host(), hp.port());
    }

    /** {@code host:port}, with IPv6 hosts bracketed. */
    public String address() {
        return HostPort.join(host, port);
    }
}
