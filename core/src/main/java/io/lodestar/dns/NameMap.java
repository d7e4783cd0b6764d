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
    private int[] starts = new int[64];
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
        int mask = names.length - 1;
        for (int i = Wire.mix(hash) & mask; names[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && sameName(names[i], starts[i], name, from)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Maps {@code name[from..]} (not copied: keep the array unchanged) to {@code value} unless it is mapped. */
    void putIfAbsent(byte[] name, int from, V value) {
        int hash = hash(name, from);
        if (get(name, from, hash) == null) {
            put(name, from, hash, value);
        }
    }

    /** Maps {@code name[from..]}, known to be absent, whose {@link #hash} is {@code hash}, to {@code value}. */
    void put(byte[] name, int from, int hash, V value) {
        if ((size + 1) * 2 > names.length) {
            grow();
        }
        insert(name, from, hash, value);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(byte[] name, int from, int hash, Object value) {
        int mask = names.length - 1;
        int i = Wire.mix(hash) & mask;
        while (names[i] != null) {
            i = (i + 1) & mask;
        }
        names[i] = name;
        starts[i] = from;
        hashes[i] = hash;
        values[i] = value;
    }

    private void grow() {
        byte[][] oldNames = names;
        int[] oldStarts = starts;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        int capacity = oldNames.length * 2;
        names = new byte[capacity][];
        starts = new int[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                insert(oldNames[i], oldStarts[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private static boolean sameName(byte[] a, int fromA, byte[] b, int fromB) {
        return a.length - fromA == b.length - fromB && Arrays.equals(a, fromA, a.length, b, fromB, b.length);
    }
}
