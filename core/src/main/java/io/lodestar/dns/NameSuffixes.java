package io.lodestar.dns;

import java.util.Arrays;

/**
 * The name suffixes already written in one answer being built (the question name, the zone apex, the names written
 * so far) to their message offsets: an open-addressing table whose keys stay in the callers' arrays and are compared
 * case-insensitively in place, cleared per answer in O(1) by a stamp. Used by {@link AnswerBuilder} only.
 */
final class NameSuffixes {

    /** The hash of the root name; {@link #prepend} goes from a suffix's hash to the next longer one's. */
    static final int ROOT = 0x811C9DC5;
    private static final int PRIME = 0x01000193;

    private byte[][] names = new byte[64][];
    private int[] starts = new int[64];
    private int[] hashes = new int[64];
    private int[] values = new int[64];
    private int[] stamps = new int[64];
    private int stamp = 1;
    private int size;

    /** The hash of a suffix from its parent's hash: equal lowercased label sequences hash alike. */
    static int prepend(int parentHash, byte[] wire, int labelStart) {
        int h = (parentHash ^ (wire[labelStart] & 0xFF)) * PRIME;
        for (int j = labelStart + 1, end = labelStart + (wire[labelStart] & 0xFF); j <= end; j++) {
            h = (h ^ (Wire.lower(wire[j]) & 0xFF)) * PRIME;
        }
        return h;
    }

    /** Fills {@code starts} and {@code hashes} with the label offsets and suffix hashes of {@code wire}. */
    static int hashSuffixes(byte[] wire, int[] starts, int[] hashes) {
        int labels = 0;
        for (int i = 0; wire[i] != 0; i += (wire[i] & 0xFF) + 1) {
            starts[labels++] = i;
        }
        int h = ROOT;
        for (int k = labels - 1; k >= 0; k--) {
            h = prepend(h, wire, starts[k]);
            hashes[k] = h;
        }
        return labels;
    }

    void clear() {
        if (++stamp == 0) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
        size = 0;
    }

    /** The value of {@code wire[from..]}, or -1. */
    int get(byte[] wire, int from, int hash) {
        int mask = names.length - 1;
        for (int i = Wire.mix(hash) & mask; stamps[i] == stamp; i = (i + 1) & mask) {
            if (hashes[i] == hash && sameName(names[i], starts[i], wire, from)) {
                return values[i];
            }
        }
        return -1;
    }

    /** Maps {@code wire[from..]} (not copied) to {@code value}; an existing entry is kept unless {@code replace}. */
    void put(byte[] wire, int from, int hash, int value, boolean replace) {
        int mask = names.length - 1;
        int i = Wire.mix(hash) & mask;
        for (; stamps[i] == stamp; i = (i + 1) & mask) {
            if (hashes[i] == hash && sameName(names[i], starts[i], wire, from)) {
                if (replace) {
                    values[i] = value;
                }
                return;
            }
        }
        names[i] = wire;
        starts[i] = from;
        hashes[i] = hash;
        values[i] = value;
        stamps[i] = stamp;
        if (++size * 2 > names.length) {
            grow();
        }
    }

    private void grow() {
        byte[][] oldNames = names;
        int[] oldStarts = starts;
        int[] oldHashes = hashes;
        int[] oldValues = values;
        int[] oldStamps = stamps;
        int capacity = oldNames.length * 2;
        names = new byte[capacity][];
        starts = new int[capacity];
        hashes = new int[capacity];
        values = new int[capacity];
        stamps = new int[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldNames.length; j++) {
            if (oldStamps[j] == stamp) {
                int i = Wire.mix(oldHashes[j]) & mask;
                while (stamps[i] == stamp) {
                    i = (i + 1) & mask;
                }
                names[i] = oldNames[j];
                starts[i] = oldStarts[j];
                hashes[i] = oldHashes[j];
                values[i] = oldValues[j];
                stamps[i] = stamp;
            }
        }
    }

    /** Two name suffixes, equal when ASCII-lowercased (RFC 4343). */
    private static boolean sameName(byte[] a, int fromA, byte[] b, int fromB) {
        int n = a.length - fromA;
        if (n != b.length - fromB) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Wire.lower(a[fromA + i]) != Wire.lower(b[fromB + i])) {
                return false;
            }
        }
        return true;
    }
}
