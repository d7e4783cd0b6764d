package io.lodestar.forward;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded cache of forwarded replies, shared by every event loop without locks. Entries live as long as
 * {@link CacheTtl} allows; a reply served from the cache carries the remaining TTLs. When full, the oldest entry
 * goes first (FIFO). The key holds the question and what changes the reply: the EDNS presence, the DO and CD bits.
 */
public final class ReplyCache {

    /** The cache key of one question and its reply-shaping bits; build it with {@link #key}. */
    public static final class Key {
        private final byte[] bytes;
        private final int hash;

        private Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(Key key, byte[] message, int[] ttlOffsets, long storedAtNanos, long expiresAtNanos) {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int maxEntries;
    private final int maxTtl;
    private final int maxNegativeTtl;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Every entry stored, oldest first; an entry already replaced or expired is skipped when it comes out. */
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger orderLength = new AtomicInteger();

    /** A cache of at most {@code maxEntries} replies, positive ones kept at most {@code maxTtl} seconds. */
    public ReplyCache(int maxEntries, int maxTtl, int maxNegativeTtl) {
        this.maxEntries = maxEntries;
        this.maxTtl = maxTtl;
        this.maxNegativeTtl = maxNegativeTtl;
    }

    /** The key of a question (lowercase wire name of {@code nameLength} bytes) and the query's EDNS, DO and CD. */
    public static Key key(byte[] lowerName, int nameLength, int qtype, int qclass, boolean edns, boolean dnssecOk,
                          boolean checkingDisabled) {
        byte[] k = Arrays.copyOf(lowerName, nameLength + 5);
        k[nameLength] = (byte) (qtype >>> 8);
        k[nameLength + 1] = (byte) qtype;
        k[nameLength + 2] = (byte) (qclass >>> 8);
        k[nameLength + 3] = (byte) qclass;
        k[nameLength + 4] = (byte) ((edns ? 1 : 0) | (dnssecOk ? 2 : 0) | (checkingDisabled ? 4 : 0));
        return new Key(k);
    }

    /** Stores the readable bytes of {@code reply} if they may be cached; returns the TTL, or 0/-1 when not stored. */
    public int put(Key key, ByteBuf reply, long nowNanos) {
        MessageLayout m = MessageLayout.read(reply);
        if (m == null) {
            return CacheTtl.NONE;
        }
        int ttl = CacheTtl.of(reply, m, maxTtl, maxNegativeTtl);
        if (ttl <= 0) {
            return ttl;
        }
        int[] offsets = new int[m.recordCount()];
        int n = 0;
        for (int i = 0; i < m.recordCount(); i++) {
            if (m.type(i) != MessageLayout.TYPE_OPT) {
                offsets[n++] = m.ttlOffset(i);
            }
        }
        byte[] bytes = new byte[m.end()];
        reply.getBytes(reply.readerIndex(), bytes);
        Entry e = new Entry(key, bytes, Arrays.copyOf(offsets, n), nowNanos, nowNanos + ttl * NANOS_PER_SECOND);
        entries.put(key, e);
        order.add(e);
        // Every live entry has its element in the queue, so bounding the queue bounds the map, even when entries
        // expire and come back.
        int length = orderLength.incrementAndGet();
        while (length > maxEntries) {
            Entry oldest = order.poll();
            if (oldest == null) {
                break;
            }
            entries.remove(oldest.key(), oldest);
            length = orderLength.decrementAndGet();
        }
        return ttl;
    }

    /**
     * Writes the cached reply for {@code key} at the writer index of {@code out}, with ID {@code id} and every TTL
     * lowered by the whole seconds it spent in the cache. False (nothing written) when there is none or it expired.
     */
    public boolean write(Key key, int id, long nowNanos, ByteBuf out) {
        Entry e = entries.get(key);
        if (e == null) {
            return false;
        }
        if (nowNanos - e.expiresAtNanos >= 0) {
            entries.remove(key, e);
            return false;
        }
        long age = (nowNanos - e.storedAtNanos) / NANOS_PER_SECOND;
        int start = out.writerIndex();
        out.writeBytes(e.message);
        out.setShort(start, id);
        for (int offset : e.ttlOffsets) {
            long ttl = CacheTtl.ttl(out, start + offset);
            out.setInt(start + offset, (int) Math.max(0, ttl - age));
        }
        return true;
    }

    /** Entries held now, expired ones not yet dropped included. */
    public int size() {
        return entries.size();
    }
}
