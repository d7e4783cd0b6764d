package io.lodestar.forward;

import io.netty.buffer.ByteBuf;

/**
 * How long an upstream reply may be cached: the smallest TTL of its answer and authority records for a positive
 * answer; for NXDOMAIN and NODATA the smaller of the authority SOA's TTL and its MINIMUM field (RFC 2308 5), and
 * not at all without an SOA. Truncated replies and rcodes other than NOERROR and NXDOMAIN are not cached.
 */
public final class CacheTtl {

    /** The reply must not be cached. */
    public static final int NONE = -1;
    private static final int RCODE_NOERROR = 0;
    private static final int RCODE_NXDOMAIN = 3;

    private CacheTtl() {
    }

    /**
     * Seconds {@code reply} (laid out as {@code m}) may be cached, at most {@code maxTtl} for a positive answer
     * and {@code maxNegativeTtl} for a negative one; 0 or {@link #NONE} when it must not be.
     */
    public static int of(ByteBuf reply, MessageLayout m, int maxTtl, int maxNegativeTtl) {
        int rcode = m.rcode();
        if (m.truncated() || m.questionCount() != 1 || (rcode != RCODE_NOERROR && rcode != RCODE_NXDOMAIN)) {
            return NONE;
        }
        int base = reply.readerIndex();
        boolean negative = rcode == RCODE_NXDOMAIN || m.answerCount() == 0;
        long min = negative ? maxNegativeTtl : maxTtl;
        boolean soa = false;
        int sections = m.answerCount() + m.authorityCount();
        for (int i = 0; i < sections; i++) {
            long ttl = ttl(reply, base + m.ttlOffset(i));
            boolean inAuthority = i >= m.answerCount();
            if (negative && inAuthority) {
                if (m.type(i) != MessageLayout.TYPE_SOA) {
                    continue;
                }
                soa = true;
                // MINIMUM is the last 32 bits of the SOA RDATA (RFC 1035 3.3.13).
                ttl = Math.min(ttl, ttl(reply, base + m.recordEnd(i) - 4));
            }
            min = Math.min(min, ttl);
        }
        if (negative && !soa) {
            return NONE;
        }
        return (int) Math.max(0, min);
    }

    /** A TTL field; values with the top bit set count as 0 (RFC 2181 8). */
    static long ttl(ByteBuf buf, int offset) {
        long ttl = buf.getUnsignedInt(offset);
        return ttl > Integer.MAX_VALUE ? 0 : ttl;
    }
}
