package io.lodestar.dns;

import java.util.Arrays;
import java.util.Collection;

/**
 * An immutable open-addressing hash table from lowercased wire-format names to {@link NameNode}s, probed with the
 * key bytes and hash straight from the query: no String, no allocation. Load factor at most one half.
 */
final class NameTable {

    private final NameNode[] slots;
    private final int[] hashes;
    private final int mask;
    private final int size;

    NameTable(Collection<NameNode> nodes) {
        int capacity = Integer.highestOneBit(Math.max(4, nodes.size() * 2 - 1)) << 1;
        this.slots = new NameNode[capacity];
        this.hashes = new int[capacity];
        this.mask = capacity - 1;
        this.size = nodes.size();
        for (NameNode node : nodes) {
            int i = Wire.mix(node.hash) & mask;
            while (slots[i] != null) {
                if (hashes[i] == node.hash && Arrays.equals(slots[i].name, node.name)) {
                    throw new IllegalArgumentException("duplicate name in zone table");
                }
                i = (i + 1) & mask;
            }
            slots[i] = node;
            hashes[i] = node.hash;
        }
    }

    /** The node for the first {@code length} bytes of {@code key} (whose hash is {@code hash}), or null. */
    NameNode find(byte[] key, int length, int hash) {
        return find(key, 0, length, hash);
    }

    /** The node for {@code length} bytes of {@code key} from {@code offset} (a name suffix), or null. */
    NameNode find(byte[] key, int offset, int length, int hash) {
        int i = Wire.mix(hash) & mask;
        while (true) {
            NameNode node = slots[i];
            if (node == null) {
                return null;
            }
            if (hashes[i] == hash && node.name.length == length
                    && Arrays.equals(node.name, 0, length, key, offset, offset + length)) {
                return node;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }
}
