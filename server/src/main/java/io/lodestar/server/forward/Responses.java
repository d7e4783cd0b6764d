package io.lodestar.server.forward;

import io.lodestar.forward.ErrorReply;
import io.lodestar.forward.Relay;
import io.lodestar.forward.ReplyCache;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Builds what a client gets for a forwarded query: an upstream reply relayed within the client's limit (and
 * cached), a reply from the cache, or Lodestar's own SERVFAIL; over TCP after the 2-byte length. Knows nothing of
 * attempts or sockets. Stateless apart from the shared cache and counters.
 */
final class Responses {
    private static final int RCODE_SERVFAIL = 2;
    private static final int TCP_PREFIX = 2;

    private final ForwarderSettings settings;
    private final ForwarderCounters counters;
    private final ReplyCache cache;
    private final ByteBufAllocator alloc;

    /** {@code cache} null: caching is off. */
    Responses(ForwarderSettings settings, ForwarderCounters counters, ReplyCache cache, ByteBufAllocator alloc) {
        this.settings = settings;
        this.counters = counters;
        this.cache = cache;
        this.alloc = alloc;
    }

    /**
     * The response relaying {@code reply} to {@code x}'s client (stored in the cache when {@code cacheIt}); null
     * when the reply is too large for the client and cannot be read, so cannot be cut.
     */
    ByteBuf relay(Exchange x, ByteBuf reply, boolean cacheIt) {
        ByteBuf out = alloc.ioBuffer(Math.min(x.limit, reply.readableBytes()) + TCP_PREFIX);
        if (x.tcp) {
            out.writeShort(0);
        }
        Relay.Result result = Relay.write(reply, x.clientId, x.limit, settings.setTruncateBit(), out);
        if (result == Relay.Result.MALFORMED) {
            out.release();
            return null;
        }
        if (result == Relay.Result.TRUNCATED) {
            counters.relayedTruncated.increment();
        }
        if (cacheIt && cache != null && x.cacheKey != null) {
            cache.put(x.cacheKey, reply, System.nanoTime());
        }
        counters.relayed.increment();
        return framed(x, out);
    }

    /** The cached reply for {@code x}, relayed, or null when the cache has none. */
    ByteBuf fromCache(Exchange x) {
        if (cache == null || x.cacheKey == null) {
            return null;
        }
        ByteBuf cached = alloc.heapBuffer();
        try {
            if (!cache.write(x.cacheKey, x.clientId, System.nanoTime(), cached)) {
                counters.cacheMisses.increment();
                return null;
            }
            counters.cacheHits.increment();
            return relay(x, cached, false);
        } finally {
            cached.release();
        }
    }

    /** Lodestar's SERVFAIL for {@code x}: the client's ID, opcode, RD, CD and question, and an OPT if it sent one. */
    ByteBuf servfail(Exchange x) {
        ByteBuf out = alloc.ioBuffer(TCP_PREFIX + 12 + x.questionLength() + 11);
        if (x.tcp) {
            out.writeShort(0);
        }
        ErrorReply.write(x.query, x.questionLength(), RCODE_SERVFAIL, true,
                x.edns ? settings.udpMaxResponseSize() : 0, x.dnssecOk, out);
        return framed(x, out);
    }

    private static ByteBuf framed(Exchange x, ByteBuf out) {
        if (x.tcp) {
            out.setShort(out.readerIndex(), out.readableBytes() - TCP_PREFIX);
        }
        return out;
    }
}
