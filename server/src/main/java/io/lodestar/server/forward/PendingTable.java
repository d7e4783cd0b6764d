package io.lodestar.server.forward;

import io.netty.util.collection.LongObjectHashMap;
import java.util.Random;

/**
 * The UDP attempts waiting for a reply on one event loop, keyed by (socket, upstream, ID): a reply is looked up by
 * the socket it came in on, the upstream it came from and its ID, and only then checked against the question.
 * Entries of earlier attempts of a query stay until the query ends, so a late reply is still welcome. One loop
 * only: not thread-safe.
 */
final class PendingTable {
    /** Random IDs tried before an attempt gives up: all taken means tens of thousands in flight to one upstream. */
    private static final int MAX_ID_TRIES = 16;

    private final LongObjectHashMap<Exchange> entries = new LongObjectHashMap<>();
    private final Random random;

    PendingTable(Random random) {
        this.random = random;
    }

    static long key(int socket, Upstream upstream, int id) {
        return ((long) socket << 40) | ((long) upstream.index() << 16) | id;
    }

    /**
     * Registers {@code x} under a fresh random ID on {@code socket} for {@code upstream}; returns the key (its low
     * 16 bits are the ID), or -1 when no free ID was found.
     */
    long register(Exchange x, int socket, Upstream upstream) {
        for (int i = 0; i < MAX_ID_TRIES; i++) {
            long key = key(socket, upstream, random.nextInt(0x10000));
            if (!entries.containsKey(key)) {
                entries.put(key, x);
                x.addKey(key);
                return key;
            }
        }
        return -1;
    }

    /** The exchange waiting under {@code key}, or null. */
    Exchange get(long key) {
        return entries.get(key);
    }

    void remove(long key) {
        entries.remove(key);
    }

    /** Removes every entry of {@code x} (not entries its keys have since been given to). */
    void removeAll(Exchange x) {
        for (int i = 0; i < x.keyCount; i++) {
            if (entries.get(x.keys[i]) == x) {
                entries.remove(x.keys[i]);
            }
        }
    }

    int size() {
        return entries.size();
    }
}
