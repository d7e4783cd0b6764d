package io.lodestar.forward;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code allowRecursion} list: which client addresses may have names outside our zones forwarded. Entries are
 * CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) or single addresses; an IPv4-mapped IPv6 client
 * ({@code ::ffff:10.1.2.3}) is matched as the IPv4 address it carries. Immutable and thread-safe.
 */
public final class AddressFilter {

    /** One CIDR block: the address bytes with the host bits cleared, and the prefix length. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    private final List<Block> blocks;
    private final boolean everything;

    private AddressFilter(List<Block> blocks) {
        this.blocks = blocks;
        this.everything = blocks.stream().anyMatch(b -> b.prefix == 0 && b.network.length == 4)
                && blocks.stream().anyMatch(b -> b.prefix == 0 && b.network.length == 16);
    }

    /**
     * The filter of {@code entries}.
     *
     * @throws IllegalArgumentException naming the first entry that is not {@code ip} or {@code ip/prefix}
     */
    public static AddressFilter parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            blocks.add(parseBlock(entry));
        }
        return new AddressFilter(List.copyOf(blocks));
    }

    /** A problem with one entry, for config validation; null when it is a valid address or CIDR block. */
    public static String problem(String entry) {
        try {
            parseBlock(entry);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Block parseBlock(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        byte[] address = ip.indexOf('%') >= 0 ? null : NetUtil.createByteArrayFromIpAddressString(ip);
        if (address == null) {
            throw new IllegalArgumentException("illegal CIDR " + quote(entry) + ": " + quote(ip)
                    + " is not an IP address");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String text = entry.substring(slash + 1);
            prefix = text.matches("[0-9]{1,3}") ? Integer.parseInt(text) : -1;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("illegal CIDR " + quote(entry) + ": prefix length must be 0.."
                        + bits);
            }
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            address[i] &= (byte) ((0xFF << (8 - keep)) & 0xFF);
        }
        return new Block(address, prefix);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** True when {@code client} is in one of the blocks. */
    public boolean allows(InetAddress client) {
        if (everything) {
            return true;
        }
        byte[] address = unmapped(client.getAddress());
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** True when every IPv4 and every IPv6 address is allowed. */
    public boolean allowsEverything() {
        return everything;
    }

    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < MAPPED_PREFIX.length; i++) {
            if (address[i] != MAPPED_PREFIX[i]) {
                return address;
            }
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }
}
