package io.lodestar.dns;

import java.util.Arrays;

/**
 * A build-time open-addressing map from lowercased wire names to values, looked up by any suffix of a wire name
 * ({@code name} from offset {@code from}) without copying it: the compiler's owner index and its set of empty
 * non-terminals, probed once per name and per ancestor of every name.
 *
 * @param <V> the value type
 */
final class NameMap<V> {

    private byte[][] names = new byte[64][];
    /** The hash of each name, never 0: 0 marks an empty slot, so that a miss reads nothing else. */
    private int[] hashes = new int[64];
    private Object[] values = new Object[64];
    private int size;

    /** The hash {@link #get(byte[], int, int)} and {@link #put} take, for callers that probe a name twice. */
    static int hash(byte[] name, int from) {
        return Wire.hash(name, from, name.length - from);
    }

    /** The value for the lowercased name {@code name[from..]}, or null. */
    V get(byte[] name, int from) {
        return get(name, from, hash(name, from));
    }

    /** {@link #get(byte[], int)} with the name's {@link #hash}. */
    @SuppressWarnings("unchecked")
    V get(byte[] name, int from, int hash) {
        int h = hash == 0 ? 1 : hash;
        int mask = hashes.length - 1;
        for (int i = Wire.mix(h) & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h && sameName(names[i], name, from)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Maps {@code name} (not copied: keep the array unchanged), known to be absent, to {@code value}. */
    void put(byte[] name, int hash, V value) {
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        insert(name, hash == 0 ? 1 : hash, value);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(byte[] name, int h, Object value) {
        int mask = hashes.length - 1;
        int i = Wire.mix(h) & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        names[i] = name;
        hashes[i] = h;
        values[i] = value;
    }

    private void grow() {
        byte[][] oldNames = names;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        int capacity = oldHashes.length * 2;
        names = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldNames[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private static boolean sameName(byte[] a, byte[] b, int fromB) {
        return a.length == b.length - fromB && Arrays.equals(a, 0, a.length, b, fromB, b.length);
    }
}
