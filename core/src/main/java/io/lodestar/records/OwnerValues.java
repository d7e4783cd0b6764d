package io.lodestar.records;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values of one record type by owner name while records are built: owners in the order they were first added,
 * each owner's values distinct and in the order they were added. Most owners hold one or two values, so an owner
 * holds a bare value, then an array searched in place; only an owner with many values (every agent under
 * {@code slave.<domain>}) gets a hash set as well. Owners are found through an open-addressing index of their
 * entry numbers. Not thread-safe; {@link #freeze()} gives the immutable map a {@link RecordSet} hands out.
 */
final class OwnerValues<T> {
    /** Beyond this many values an owner also keeps a hash set, so that adding stays O(1). */
    private static final int SCAN_LIMIT = 16;

    private String[] names = new String[64];
    /** Per owner: the value itself while it has one, then an {@code Object[]} of values. */
    private Object[] values = new Object[64];
    private int[] sizes = new int[64];
    /** The hash sets of the owners past {@link #SCAN_LIMIT} values, by entry; as long as the last such entry. */
    private Set<Object>[] sets;
    /**
     * By hash slot: the owner's hash in the high half, its entry number + 1 in the low half; 0 is free. Kept at most
     * half full. Holding the hash here lets a probe (and a resize) skip the names that cannot match without reading
     * their strings.
     */
    private long[] index = new long[128];
    private int count;

    /** The number of owners. */
    int size() {
        return count;
    }

    /**
     * Adds {@code value} at {@code name}. Returns the owner's entry number when the value is new there, or
     * {@code -1 - entry} when the owner held it already.
     */
    int add(String name, T value) {
        int e = find(name);
        if (e < 0) {
            e = insert(name, -1 - e);
        }
        return addValue(e, value) ? e : -1 - e;
    }

    /**
     * The entry number of owner {@code name}, or, when it is no owner yet, {@code -1 - slot} with the index slot
     * {@link #insert} takes.
     */
    int find(String name) {
        int hash = name.hashCode();
        int mask = index.length - 1;
        for (int slot = OwnerMap.spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long v = index[slot];
            if (v == 0) {
                return -1 - slot;
            }
            if ((int) (v >>> 32) == hash) {
                int e = (int) v - 1;
                String owner = names[e];
                if (owner == name || owner.equals(name)) {
                    return e;
                }
            }
        }
    }

    /** Makes {@code name}, which {@link #find} did not find, an owner without values; returns its entry number. */
    int insert(String name, int slot) {
        if (count == names.length) {
            int capacity = count * 2;
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        int e = count++;
        names[e] = name;
        index[slot] = ((long) name.hashCode() << 32) | (e + 1);
        if (count * 2 > index.length) {
            index = grow(index);
        }
        return e;
    }

    private static long[] grow(long[] index) {
        long[] grown = new long[index.length * 2];
        int mask = grown.length - 1;
        for (long v : index) {
            if (v != 0) {
                int slot = OwnerMap.spread((int) (v >>> 32)) & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = v;
            }
        }
        return grown;
    }

    /** Adds {@code value} to the values of entry {@code e}; false when they held it already. */
    boolean addValue(int e, T value) {
        int n = sizes[e];
        if (n == 0) {
            values[e] = value;
            sizes[e] = 1;
            return true;
        }
        if (contains(e, value)) {
            return false;
        }
        Object[] list;
        if (n == 1) {
            list = new Object[4];
            list[0] = values[e];
            values[e] = list;
        } else {
            list = (Object[]) values[e];
            if (n == list.length) {
                list = Arrays.copyOf(list, n * 2);
                values[e] = list;
            }
        }
        list[n] = value;
        sizes[e] = n + 1;
        if (n + 1 > SCAN_LIMIT) {
            set(e).add(value);
        }
        return true;
    }

    /** The owner name of an entry, the instance first added (so that names repeated by tasks are stored once). */
    String name(int entry) {
        return names[entry];
    }

    /** The values at {@code name} so far, in order; empty when none. */
    List<T> get(String name) {
        int e = find(name);
        return e < 0 ? List.of() : valuesOf(e);
    }

    /** An immutable copy in insertion order. */
    OwnerMap<T> freeze() {
        Object[] lists = new Object[count];
        for (int e = 0; e < count; e++) {
            lists[e] = valuesOf(e);
        }
        return new OwnerMap<>(Arrays.copyOf(names, count), lists, index);
    }

    @SuppressWarnings("unchecked")
    private List<T> valuesOf(int e) {
        if (sizes[e] == 0) {
            return List.of();
        }
        if (sizes[e] == 1) {
            return List.of((T) values[e]);
        }
        return (List<T>) List.of(Arrays.copyOf((Object[]) values[e], sizes[e]));
    }

    private boolean contains(int e, T value) {
        int n = sizes[e];
        if (n == 1) {
            return values[e].equals(value);
        }
        if (n > SCAN_LIMIT) {
            return sets[e].contains(value);
        }
        Object[] list = (Object[]) values[e];
        for (int i = 0; i < n; i++) {
            if (list[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(int e) {
        if (sets == null) {
            sets = new Set[Math.max(16, e + 1)];
        } else if (e >= sets.length) {
            sets = Arrays.copyOf(sets, Math.max(sets.length * 2, e + 1));
        }
        Set<Object> set = sets[e];
        if (set == null) {
            set = new HashSet<>(Arrays.asList((Object[]) values[e]).subList(0, sizes[e]));
            sets[e] = set;
        }
        return set;
    }
}
