package io.lodestar.server.state;

import io.lodestar.records.HostTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Resolves the agent, framework and master hostnames of a state before records are built, so that building does
 * no I/O and no event loop ever waits on a name lookup (Mesos-DNS resolves them synchronously while parsing,
 * QUIRK 9). Lookups run on a small pool of its own threads through the system resolver (so /etc/hosts and
 * nsswitch apply); answers are kept in a bounded cache, failures for a shorter time.
 */
public final class HostnameResolver implements AutoCloseable {
    private final Function<String, List<String>> lookup;
    private final ExecutorService pool;
    private final Clock clock;
    private final int maxEntries;
    private final Duration ttl;
    private final Duration negativeTtl;
    private final Map<String, Entry> cache;

    private record Entry(List<String> addresses, long expiresAtMillis) {
    }

    /** The system resolver, 4 threads, 4096 names cached for 60 s (failures for 10 s). */
    public HostnameResolver() {
        this(HostnameResolver::systemLookup, 4, 4096, Duration.ofSeconds(60), Duration.ofSeconds(10), Clock.systemUTC());
    }

    /**
     * @param lookup   the blocking lookup of one name (run on this resolver's threads); an empty list means "no address"
     */
    public HostnameResolver(Function<String, List<String>> lookup, int threads, int maxEntries, Duration ttl,
                            Duration negativeTtl, Clock clock) {
        this.lookup = lookup;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lodestar-hostnames-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.negativeTtl = negativeTtl;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > HostnameResolver.this.maxEntries;
            }
        };
    }

    /**
     * Resolves every name; completes within {@code timeout} with what resolved by then (names that did not resolve
     * in time, or at all, are absent from the table and so get no records).
     */
    public CompletableFuture<HostTable> resolveAll(Set<String> hostnames, Duration timeout) {
        Map<String, List<String>> known = new HashMap<>();
        List<String> missing = new ArrayList<>();
        long now = clock.millis();
        synchronized (cache) {
            for (String h : hostnames) {
                Entry e = cache.get(h);
                if (e != null && e.expiresAtMillis > now) {
                    known.put(h, e.addresses);
                } else {
                    missing.add(h);
                }
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(HostTable.of(known));
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>(missing.size());
        Map<String, List<String>> fresh = new java.util.concurrent.ConcurrentHashMap<>();
        for (String h : missing) {
            pending.add(CompletableFuture.runAsync(() -> {
                List<String> addrs = lookup.apply(h);
                fresh.put(h, addrs);
                remember(h, addrs);
            }, pool));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, err) -> {
                    Map<String, List<String>> all = new HashMap<>(known);
                    fresh.forEach(all::put);
                    return HostTable.of(all);
                });
    }

    private void remember(String host, List<String> addresses) {
        long expires = clock.millis() + (addresses.isEmpty() ? negativeTtl : ttl).toMillis();
        synchronized (cache) {
            cache.put(host, new Entry(List.copyOf(addresses), expires));
        }
    }

    /** Names held in the cache now (for tests and metrics). */
    public int cachedNames() {
        synchronized (cache) {
            return cache.size();
        }
    }

    static List<String> systemLookup(String host) {
        try {
            List<String> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                out.add(a.getHostAddress());
            }
            return out;
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
