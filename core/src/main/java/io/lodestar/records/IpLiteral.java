package io.lodestar.records;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP literals parsed without any name lookup. IPv4 and IPv4-mapped IPv6 addresses are A values (dotted quad);
 * every other IPv6 address is an AAAA value in RFC 5952 text (compressed, lowercase).
 */
public record IpLiteral(String text, boolean v6) {

    /** Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone are not accepted); null when it is not one. */
    public static IpLiteral parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes == null || s.indexOf('%') >= 0) {
            return null;
        }
        return of(bytes);
    }

    /** The literal for 4 or 16 address bytes. */
    public static IpLiteral of(byte[] bytes) {
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            bytes = v4;
        }
        try {
            InetAddress addr = InetAddress.getByAddress(bytes);
            return new IpLiteral(NetUtil.toAddressString(addr), bytes.length == 16);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 4 or 16 bytes: " + bytes.length, e);
        }
    }

    public static boolean isIp(String s) {
        return parse(s) != null;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }
}
