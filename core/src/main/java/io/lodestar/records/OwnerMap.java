package io.lodestar.records;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable owner name to values map a {@link RecordSet} hands out, in insertion order. The published snapshot
 * keeps it for the HTTP API, so it is compact: the names and their value lists in two arrays, found through an
 * open-addressing index of entry numbers, instead of a linked hash map's entry per name. Entries are made on demand
 * by {@link #entrySet()}; {@link #forEach} and {@link #get} make none.
 */
final class OwnerMap<T> extends AbstractMap<String, List<T>> {
    private static final OwnerMap<?> EMPTY = new OwnerMap<>(new String[0], new Object[0], new long[0]);

    private final String[] names;
    /** The {@code List<T>} of each name. */
    private final Object[] lists;
    /** Entry number + 1 by hash slot; 0 is free. At most half full. */
    private final int[] index;

    /**
     * A map of {@code names} to {@code lists}, indexed from {@code hashed}: the (hash, entry number + 1) slots of
     * {@link OwnerValues}, whose hashes spare reading every name again.
     */
    OwnerMap(String[] names, Object[] lists, long[] hashed) {
        this.names = names;
        this.lists = lists;
        this.index = new int[tableSize(names.length)];
        int mask = index.length - 1;
        for (long v : hashed) {
            if (v != 0) {
                int slot = spread((int) (v >>> 32)) & mask;
                while (index[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                index[slot] = (int) v;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> OwnerMap<T> empty() {
        return (OwnerMap<T>) EMPTY;
    }

    /** The slot of a hash before masking: the high bits mixed into the low ones, as {@code HashMap} does. */
    static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static int tableSize(int count) {
        int size = 2;
        while (size < count * 2) {
            size <<= 1;
        }
        return size;
    }

    private int find(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = spread(name.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int e = index[slot] - 1;
            if (e < 0) {
                return -1;
            }
            if (names[e].equals(name)) {
                return e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<T> list(int e) {
        return (List<T>) lists[e];
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public List<T> get(Object key) {
        int e = find(key);
        return e < 0 ? null : list(e);
    }

    @Override
    public List<T> getOrDefault(Object key, List<T> defaultValue) {
        int e = find(key);
        return e < 0 ? defaultValue : list(e);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<T>> action) {
        for (int e = 0; e < names.length; e++) {
            action.accept(names[e], list(e));
        }
    }

    @Override
    public Set<Entry<String, List<T>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, List<T>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, List<T>> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int e = next++;
                        return new SimpleImmutableEntry<>(names[e], list(e));
                    }
                };
            }
        };
    }

    /** The number of values at all names. */
    int valueCount() {
        int n = 0;
        for (Object list : lists) {
            n += ((List<?>) list).size();
        }
        return n;
    }

    /**
     * True when {@code other} holds the same values at the same names, in any order at a name when
     * {@code anyOrder}. Two builds from similar states add names in the same order, so each name is first looked for
     * at the same place in {@code other}, then by hash. Values at a name are distinct, so equal sizes and containment
     * are set equality.
     */
    boolean sameValues(OwnerMap<T> other, boolean anyOrder) {
        if (names.length != other.names.length) {
            return false;
        }
        for (int e = 0; e < names.length; e++) {
            int o = names[e].equals(other.names[e]) ? e : other.find(names[e]);
            if (o < 0) {
                return false;
            }
            List<T> mine = list(e);
            List<T> theirs = other.list(o);
            if (mine.size() != theirs.size()) {
                return false;
            }
            if (!sameOrder(mine, theirs) && (!anyOrder || !new HashSet<>(theirs).containsAll(mine))) {
                return false;
            }
        }
        return true;
    }

    private static <T> boolean sameOrder(List<T> mine, List<T> theirs) {
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                return false;
            }
        }
        return true;
    }
}
