package io.lodestar.dns;

import java.util.Arrays;

/**
 * The distinct addresses of one type (A: 4 bytes, AAAA: 16) found at one owner while a snapshot is compiled, packed
 * in one array in record-set order: no object per address. Equal by content, so that owners holding the same
 * addresses share their answers. Linear duplicate checks while short, a hash index beside the array once long.
 */
final class AddressList {

    private static final int LINEAR = 16;

    /** The bytes of one address. */
    final int width;
    private byte[] bytes;
    private int count;
    /** Open addressing over the addresses: index + 1 of each, 0 for an empty slot; null while short. */
    private int[] index;

    AddressList(int width) {
        this.width = width;
        this.bytes = new byte[width];
    }

    int count() {
        return count;
    }

    /** The packed addresses: address {@code i} is {@link #width} bytes from {@code i * width}. */
    byte[] bytes() {
        return bytes;
    }

    /** Adds the address in {@code src[0..width)} unless it is there. */
    void add(byte[] src) {
        if (index == null) {
            for (int i = 0; i < count; i++) {
                if (Arrays.equals(bytes, i * width, (i + 1) * width, src, 0, width)) {
                    return;
                }
            }
        } else if (find(src, 0, hash(src, 0)) >= 0) {
            return;
        }
        if ((count + 1) * width > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        System.arraycopy(src, 0, bytes, count * width, width);
        count++;
        if (index != null && count * 2 > index.length) {
            reindex(index.length * 2);
        } else if (index == null && count > LINEAR) {
            reindex(64);
        } else if (index != null) {
            insert(count - 1);
        }
    }

    private int find(byte[] src, int from, int hash) {
        int mask = index.length - 1;
        for (int i = hash & mask; index[i] != 0; i = (i + 1) & mask) {
            int at = (index[i] - 1) * width;
            if (Arrays.equals(bytes, at, at + width, src, from, from + width)) {
                return index[i] - 1;
            }
        }
        return -1;
    }

    private void reindex(int capacity) {
        index = new int[capacity];
        for (int i = 0; i < count; i++) {
            insert(i);
        }
    }

    private void insert(int i) {
        int mask = index.length - 1;
        int slot = hash(bytes, i * width) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = i + 1;
    }

    private int hash(byte[] b, int from) {
        int h = 0;
        for (int i = from; i < from + width; i++) {
            h = 31 * h + b[i];
        }
        return Wire.mix(h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressList other && other.width == width && other.count == count
                && Arrays.equals(bytes, 0, count * width, other.bytes, 0, count * width);
    }

    @Override
    public int hashCode() {
        int h = width;
        for (int i = 0; i < count * width; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}
