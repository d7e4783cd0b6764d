package io.lodestar.server.state;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** This machine's interface addresses, for the records of a {@code 0.0.0.0} listener (spec 6.6). */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /** Every address of every interface that is up, loopback excluded (IPv6 link-local included, as upstream). */
    public static List<String> nonLoopback() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLoopbackAddress()) {
                        continue;
                    }
                    String text = a.getHostAddress();
                    int scope = text.indexOf('%');
                    out.add(a instanceof Inet6Address && scope >= 0 ? text.substring(0, scope) : text);
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out;
    }
}
