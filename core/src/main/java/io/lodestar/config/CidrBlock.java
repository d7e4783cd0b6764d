package io.lodestar.config;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR block such as {@code 10.0.0.0/8} or {@code fd00::/8}, parsed without any name lookup. A
 * bare address is a block of one address. IPv4 blocks never contain IPv6 addresses and the other way round.
 *
 * @param network the address bytes (4 or 16) with the host bits cleared
 * @param prefix  the number of leading bits that must match
 */
public record CidrBlock(byte[] network, int prefix) {

    public CidrBlock {
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Parses {@code address[/prefix]}; null when it is not one. */
    public static CidrBlock parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.indexOf('%') >= 0 || address.startsWith("[")) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return null;
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] &= (byte) mask(prefix, i);
        }
        return new CidrBlock(bytes, prefix);
    }

    /** True when the 4 or 16 address bytes lie in this block. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if ((address[i] & mask(prefix, i)) != (network[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** The mask of byte {@code i} for a prefix of {@code prefix} bits. */
    private static int mask(int prefix, int i) {
        int bits = Math.max(0, Math.min(8, prefix - 8 * i));
        return (0xFF00 >>> bits) & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrBlock c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }
}
