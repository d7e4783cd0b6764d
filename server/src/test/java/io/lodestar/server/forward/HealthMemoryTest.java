package io.lodestar.server.forward;

import static io.lodestar.server.forward.Forwarding.addresses;
import static io.lodestar.server.forward.Forwarding.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.forward.TestUpstream.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * Health memory: a failing upstream is tried last, probed with copies of client queries, and healthy again once
 * it answers; each change is one log line, however many queries fail.
 */
@ExtendWith(ParanoidLeaks.class)
class HealthMemoryTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final Logger upstreamLog = (Logger) LoggerFactory.getLogger(Upstream.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level previousLevel;
    private TestUpstream flaky;
    private TestUpstream steady;
    private Forwarding dns;

    @BeforeEach
    void start() throws Exception {
        previousLevel = upstreamLog.getLevel();
        upstreamLog.setLevel(Level.INFO);
        lines.start();
        upstreamLog.addAppender(lines);
        flaky = new TestUpstream(1, Mode.SILENT);
        steady = new TestUpstream(2, Mode.ANSWER);
        dns = Forwarding.start(config(TIMEOUT, flaky, steady).build());
    }

    @AfterEach
    void stop() {
        dns.close();
        flaky.close();
        steady.close();
        upstreamLog.detachAppender(lines);
        upstreamLog.setLevel(previousLevel);
    }

    private Message ask(int i) throws Exception {
        return DnsClient.udp(dns.udp, DnsClient.query("q" + i + ".example.com.", Type.A));
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFailingUpstreamIsLoggedOnceProbedAndHealthyAgainWhenItAnswers() throws Exception {
        Upstream u = dns.forwarder().upstreams().get(0);
        for (int i = 0; i < 30; i++) {
            assertThat(addresses(ask(i))).containsExactly("192.0.2.2");
        }
        assertThat(u.failing()).isTrue();
        // Only the first query paid the timeout: the others went to the healthy upstream first.
        assertThat(dns.counters().attemptTimeouts()).isEqualTo(1);
        assertThat(flaky.received()).hasSize(1);

        flaky.mode(Mode.ANSWER);
        int[] next = {100};
        // Queries still go to the healthy upstream; a probe (a copy of one) finds the other one back.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            // The healthy one answers until the probe's reply comes back (between a query and this check, maybe).
            assertThat(addresses(ask(next[0]++))).containsAnyOf("192.0.2.2", "192.0.2.1").hasSize(1);
            return !u.failing();
        });
        assertThat(dns.counters().probes()).isPositive();
        assertThat(addresses(ask(999))).containsExactly("192.0.2.1");

        await().atMost(Duration.ofSeconds(2)).until(() -> messages().size() == 2);
        assertThat(messages().get(0)).contains("upstream " + flaky.entry() + " is failing (no reply in 300 ms)");
        assertThat(messages().get(1)).contains("upstream " + flaky.entry() + " answers again after 1 failed attempt");
        assertThat(lines.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void probesOfAStillDeadUpstreamCostClientsNothing() throws Exception {
        ask(0);
        Upstream u = dns.forwarder().upstreams().get(0);
        assertThat(u.failing()).isTrue();
        long start = System.nanoTime();
        int asked = 0;
        // Until the first probe goes out (a second after the failure), and a little after: no client waits for it.
        while (dns.counters().probes() == 0 && System.nanoTime() - start < Duration.ofSeconds(4).toNanos()
                && asked < 50_000) {
            Timed<Message> reply = Timed.of(() -> ask(1));
            assertThat(addresses(reply.value())).containsExactly("192.0.2.2");
            assertThat(reply.millis()).isLessThan(300);
            asked++;
        }
        assertThat(dns.counters().probes()).isPositive();
        for (int i = 0; i < 20; i++) {
            Timed<Message> reply = Timed.of(() -> ask(2));
            assertThat(addresses(reply.value())).containsExactly("192.0.2.2");
            assertThat(reply.millis()).isLessThan(300);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> dns.counters().attemptTimeouts() >= 2);
        assertThat(u.failing()).isTrue();
        assertThat(messages()).hasSize(1);
    }
}
