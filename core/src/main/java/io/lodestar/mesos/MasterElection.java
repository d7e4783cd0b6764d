package io.lodestar.mesos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Mesos master election as the children of the ZooKeeper path show it (spec 3.3): every contending master owns
 * an ephemeral sequential {@code json.info_<seq>} node, and the one with the lowest sequence leads. Binary
 * {@code info_} nodes (Mesos 0.23 and older) are not read.
 */
public final class MasterElection {
    /** The prefix of the nodes holding MasterInfo as JSON. */
    public static final String JSON_PREFIX = "json.info_";
    private static final String BINARY_PREFIX = "info_";

    private MasterElection() {
    }

    /** The {@code json.info_} children by ascending sequence: the leader first. Unparsable sequences are left out. */
    public static List<String> contenders(Collection<String> children) {
        List<String> out = new ArrayList<>();
        for (String child : children) {
            if (child.startsWith(JSON_PREFIX) && sequence(child) >= 0) {
                out.add(child);
            }
        }
        out.sort(Comparator.comparingLong(MasterElection::sequence));
        return out;
    }

    /** True when only binary {@code info_} nodes exist: a pre-0.24 Mesos that Lodestar cannot read. */
    public static boolean binaryOnly(Collection<String> children) {
        return contenders(children).isEmpty()
                && children.stream().anyMatch(c -> c.startsWith(BINARY_PREFIX) && sequence(c) >= 0);
    }

    /**
     * The sequence number of a {@code json.info_} or {@code info_} node as an unsigned 32-bit number (ZooKeeper
     * formats a signed counter, which wraps), or -1 when the suffix is not a number.
     */
    static long sequence(String child) {
        String digits = child.startsWith(JSON_PREFIX) ? child.substring(JSON_PREFIX.length())
                : child.startsWith(BINARY_PREFIX) ? child.substring(BINARY_PREFIX.length()) : "";
        if (digits.isEmpty() || digits.length() > 11) {
            return -1;
        }
        try {
            return Long.parseLong(digits) & 0xFFFF_FFFFL;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
