package io.lodestar.forward;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of forwarded replies, least recently used first out, for one event loop (not thread-safe, so
 * no locks). Entries live as long as {@link CacheTtl} allows; a reply served from the cache carries the remaining
 * TTLs. The key holds the question and what changes the reply: the EDNS presence, the DO and CD bits.
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

    private record Entry(byte[] message, int[] ttlOffsets, long storedAtNanos, long expiresAtNanos) {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int maxTtl;
    private final int maxNegativeTtl;
    private final LinkedHashMap<Key, Entry> entries;

    /** A cache of at most {@code maxEntries} replies, positive ones kept at most {@code maxTtl} seconds. */
    public ReplyCache(int maxEntries, int maxTtl, int maxNegativeTtl) {
        this.maxTtl = maxTtl;
        this.maxNegativeTtl = maxNegativeTtl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
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
        entries.put(key, new Entry(bytes, Arrays.copyOf(offsets, n), nowNanos, nowNanos + ttl * NANOS_PER_SECOND));
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
            entries.remove(key);
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
