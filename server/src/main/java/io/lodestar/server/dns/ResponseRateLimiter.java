package io.lodestar.server.dns;

import io.lodestar.config.Config;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Response rate limiting for one UDP socket, in the spirit of BIND's RRL: every client prefix (an IPv4 /24 or an
 * IPv6 /56 by default) has an account credited {@code rate} responses per second, up to one second's worth; each
 * response costs one. When the account is empty the response is withheld, and the debt may grow to {@code window}
 * seconds' worth, so that a client is forgiven {@code window} seconds after it stops. Every {@code slip}-th withheld
 * response goes out truncated instead, so that a real client behind a limited prefix retries over TCP, which
 * cannot be spoofed.
 *
 * <p>Owned by one event loop (one per UDP socket): plain arrays, no lock, no allocation per query. The accounts
 * live in a fixed table of {@value #ENTRIES} slots, found by hashing with a few probes; an account untouched for
 * longer than the window is worth nothing and is reused first, else the least recently used of the probed slots.
 */
final class ResponseRateLimiter {
    /** What to do with one response. */
    enum Decision { SEND, DROP, SLIP }

    /** Accounts per socket: 16 bytes each, 256 KiB in all; more prefixes than this at once share slots. */
    static final int ENTRIES = 1 << 14;
    private static final int PROBES = 4;
    /** Time is kept in ticks of 10 ms; a tick earns {@code rate} hundredths of a response. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final int TICKS_PER_SECOND = 100;
    private static final long ONE_RESPONSE = TICKS_PER_SECOND;
    private static final long EMPTY = 0;
    private static final long IPV4_TAG = 0xFFFF_FFFF_0000_0000L;

    private final long rate;
    private final long maxBalance;
    private final long minBalance;
    private final long windowTicks;
    private final int slip;
    private final int ipv4Mask;
    private final long ipv6Mask;
    private final long origin;
    /** Per slot: the prefix key (0 when free). */
    private final long[] keys = new long[ENTRIES];
    /** Per slot: the tick of the last update (high 32 bits) and the balance in hundredths (low 32 bits). */
    private final long[] states = new long[ENTRIES];
    private int withheld;

    /**
     * @param ratePerSecond responses per second per prefix on this socket (> 0)
     * @param windowSeconds seconds of debt a prefix can run up, and after which it is forgiven
     * @param slip          every slip-th withheld response is truncated instead; 0 never
     */
    ResponseRateLimiter(int ratePerSecond, int windowSeconds, int slip, int ipv4PrefixLength, int ipv6PrefixLength,
                        long nowNanos) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.rate = ratePerSecond;
        this.maxBalance = rate * ONE_RESPONSE;
        // The debt stays within the 32 bits kept for the balance.
        this.minBalance = -Math.min((long) windowSeconds * rate * ONE_RESPONSE, Integer.MAX_VALUE / 2);
        this.windowTicks = (long) windowSeconds * TICKS_PER_SECOND;
        this.slip = slip;
        this.ipv4Mask = ipv4PrefixLength >= 32 ? -1 : ~(-1 >>> ipv4PrefixLength);
        this.ipv6Mask = ipv6PrefixLength >= 64 ? -1L : ~(-1L >>> ipv6PrefixLength);
        this.origin = nowNanos;
    }

    /**
     * A limiter for one of {@code sockets} UDP sockets, or null when rate limiting is off. The kernel spreads a
     * client's queries over the sockets by source port, so each socket allows its share of the configured rate.
     */
    static ResponseRateLimiter forSocket(Config config, int sockets, long nowNanos) {
        if (config.rrlResponsesPerSecond() <= 0) {
            return null;
        }
        int share = (config.rrlResponsesPerSecond() + sockets - 1) / Math.max(1, sockets);
        return new ResponseRateLimiter(share, config.rrlWindowSeconds(), config.rrlSlip(),
                config.rrlIpv4PrefixLength(), config.rrlIpv6PrefixLength(), nowNanos);
    }

    /** Charges one response to {@code client}'s prefix and says whether to send it. */
    Decision admit(InetAddress client, long nowNanos) {
        long key = key(client);
        long tick = Math.max(0, (nowNanos - origin) / NANOS_PER_TICK);
        int slot = slotOf(key, tick);
        long balance;
        if (keys[slot] == key) {
            long state = states[slot];
            long elapsed = tick - (state >>> 32);
            balance = Math.min(maxBalance, (int) state + Math.min(elapsed, windowTicks + TICKS_PER_SECOND) * rate);
        } else {
            keys[slot] = key;
            balance = maxBalance;
        }
        balance = Math.max(minBalance, balance - ONE_RESPONSE);
        states[slot] = (tick << 32) | (balance & 0xFFFF_FFFFL);
        if (balance >= 0) {
            return Decision.SEND;
        }
        if (slip > 0 && ++withheld >= slip) {
            withheld = 0;
            return Decision.SLIP;
        }
        return Decision.DROP;
    }

    /** The slot holding {@code key}, else a free or forgotten one, else the least recently used probed. */
    private int slotOf(long key, long tick) {
        int start = spread(key) & (ENTRIES - 1);
        int oldest = start;
        long oldestTick = Long.MAX_VALUE;
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (ENTRIES - 1);
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            long last = states[slot] >>> 32;
            if (k == EMPTY || tick - last > windowTicks + TICKS_PER_SECOND) {
                // Untouched for longer than the window: fully recovered, so as good as new.
                return slot;
            }
            if (last < oldestTick) {
                oldestTick = last;
                oldest = slot;
            }
        }
        return oldest;
    }

    /** The client's prefix as a non-zero key; IPv4 keys are tagged so that they never equal an IPv6 prefix. */
    long key(InetAddress client) {
        if (client instanceof Inet4Address) {
            // Inet4Address.hashCode() is the address itself (pinned by a test), which getAddress() would copy.
            return IPV4_TAG | (client.hashCode() & ipv4Mask & 0xFFFF_FFFFL);
        }
        if (client instanceof Inet6Address) {
            byte[] a = client.getAddress();
            if (isIpv4Mapped(a)) {
                int v4 = ((a[12] & 0xFF) << 24) | ((a[13] & 0xFF) << 16) | ((a[14] & 0xFF) << 8) | (a[15] & 0xFF);
                return IPV4_TAG | (v4 & ipv4Mask & 0xFFFF_FFFFL);
            }
            long high = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (a[i] & 0xFF);
            }
            long key = high & ipv6Mask;
            return key == EMPTY ? 1 : key;
        }
        return 1;
    }

    /** {@code ::ffff:a.b.c.d}: an IPv4 client on a dual-stack socket, limited as that IPv4 address. */
    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    private static int spread(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
