package io.lodestar.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.records.HostTable;
import io.lodestar.records.IpLiteral;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HostnameResolverTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-21T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private Function<String, List<String>> table(Map<String, List<String>> answers) {
        return host -> {
            calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            return answers.getOrDefault(host, List.of());
        };
    }

    @Test
    void resolvesEveryNameAndCachesAnswersUntilTheirTtl() {
        ManualClock clock = new ManualClock();
        try (HostnameResolver r = new HostnameResolver(table(Map.of("agent-1.example", List.of("10.0.1.1", "fd00::1"))),
                2, 100, Duration.ofSeconds(60), Duration.ofSeconds(10), clock)) {
            HostTable t = r.resolveAll(Set.of("agent-1.example", "gone.example"), Duration.ofSeconds(5)).join();
            assertThat(t.lookup("agent-1.example")).extracting(IpLiteral::text).containsExactly("10.0.1.1", "fd00::1");
            assertThat(t.lookup("gone.example")).isEmpty();

            r.resolveAll(Set.of("agent-1.example", "gone.example"), Duration.ofSeconds(5)).join();
            assertThat(calls.get("agent-1.example")).hasValue(1);
            assertThat(calls.get("gone.example")).hasValue(1);

            clock.advance(Duration.ofSeconds(11)); // the failure expires first
            r.resolveAll(Set.of("agent-1.example", "gone.example"), Duration.ofSeconds(5)).join();
            assertThat(calls.get("agent-1.example")).hasValue(1);
            assertThat(calls.get("gone.example")).hasValue(2);

            clock.advance(Duration.ofSeconds(60));
            r.resolveAll(Set.of("agent-1.example"), Duration.ofSeconds(5)).join();
            assertThat(calls.get("agent-1.example")).hasValue(2);
        }
    }

    @Test
    void aLookupThatHangsDoesNotHoldTheRestBeyondTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Function<String, List<String>> lookup = host -> {
            if (host.equals("hangs.example")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
            return List.of("10.0.0.7");
        };
        try (HostnameResolver r = new HostnameResolver(lookup, 2, 100, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Clock.systemUTC())) {
            long start = System.nanoTime();
            HostTable t = r.resolveAll(Set.of("hangs.example", "fine.example"), Duration.ofMillis(300)).join();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(t.lookup("fine.example")).extracting(IpLiteral::text).containsExactly("10.0.0.7");
            assertThat(t.lookup("hangs.example")).isEmpty();
            assertThat(tookMillis).isLessThan(3_000);
        } finally {
            never.countDown();
        }
    }

    @Test
    void theCacheIsBounded() {
        try (HostnameResolver r = new HostnameResolver(host -> List.of("10.0.0.1"), 2, 50, Duration.ofSeconds(60),
                Duration.ofSeconds(10), Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                r.resolveAll(Set.of("host-" + i + ".example"), Duration.ofSeconds(5)).join();
            }
            assertThat(r.cachedNames()).isEqualTo(50);
        }
    }

    @Test
    void theSystemResolverFindsLocalhostThroughTheHostsFile() {
        assertThat(HostnameResolver.systemLookup("localhost")).isNotEmpty();
    }
}
