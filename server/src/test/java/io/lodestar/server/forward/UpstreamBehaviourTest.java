package io.lodestar.server.forward;

import static io.lodestar.server.forward.Forwarding.addresses;
import static io.lodestar.server.forward.Forwarding.assertAnswers;
import static io.lodestar.server.forward.Forwarding.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.forward.TestUpstream.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What a client sees, and how long it waits, when an upstream answers, never answers, answers SERVFAIL, answers
 * slowly, answers with a wrong ID or from a wrong port, or truncates: real upstream servers on 127.0.0.1, the real
 * DNS server, dnsjava as the client.
 */
@ExtendWith(ParanoidLeaks.class)
class UpstreamBehaviourTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Well under {@link #TIMEOUT}: an answer that did not wait for any timeout. */
    private static final long PROMPT_MS = 300;

    private TestUpstream first;
    private TestUpstream second;
    private Forwarding dns;

    private void start(Mode firstMode, Mode secondMode) throws Exception {
        first = new TestUpstream(1, firstMode);
        second = new TestUpstream(2, secondMode);
        dns = Forwarding.start(config(TIMEOUT, first, second).build());
        warmUp();
    }

    /** One in-zone query, so that class loading does not count in the first measured time. */
    private void warmUp() throws Exception {
        DnsClient.udp(dns.udp, DnsClient.query(Forwarding.IN_ZONE, Type.A));
    }

    @AfterEach
    void stop() {
        if (dns != null) {
            dns.close();
        }
        for (TestUpstream u : new TestUpstream[] {first, second}) {
            if (u != null) {
                u.close();
            }
        }
    }

    private Timed<Message> udp(Message query) throws Exception {
        return Timed.of(() -> DnsClient.udp(dns.udp, query));
    }

    @Test
    void aReplyIsRelayedWithTheClientsIdWhileTheUpstreamSeesFreshIds() throws Exception {
        start(Mode.ANSWER, Mode.ANSWER);
        for (int i = 0; i < 5; i++) {
            Message query = DnsClient.query("WwW.Example.COM.", Type.A);
            query.getHeader().setID(0x1234);
            Timed<Message> reply = udp(query);
            assertAnswers(reply.value(), query);
            assertThat(reply.value().getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(addresses(reply.value())).containsExactly("192.0.2.1");
            assertThat(reply.value().getHeader().getFlag(Flags.RA)).isTrue();
            assertThat(reply.value().getHeader().getFlag(Flags.AA)).isFalse();
            assertThat(reply.millis()).isLessThan(PROMPT_MS);
        }
        List<TestUpstream.Received> seen = first.received();
        assertThat(seen).hasSize(5).allSatisfy(r -> {
            assertThat(r.tcp()).isFalse();
            // Transparent relay: the question as the client wrote it, RD as the client set it.
            assertThat(r.message().getQuestion().getName().toString()).isEqualTo("WwW.Example.COM.");
            assertThat(r.message().getHeader().getFlag(Flags.RD)).isTrue();
        });
        Set<Integer> upstreamIds = seen.stream().map(r -> r.message().getHeader().getID()).collect(Collectors.toSet());
        assertThat(upstreamIds).hasSizeGreaterThan(1).doesNotContain(0x1234);
        assertThat(second.received()).isEmpty();
        assertThat(dns.counters().relayed()).isEqualTo(5);
    }

    @Test
    void aDeadFirstUpstreamCostsOneTimeoutThenIsTriedLast() throws Exception {
        start(Mode.SILENT, Mode.ANSWER);
        Timed<Message> firstQuery = udp(DnsClient.query("a.example.com.", Type.A));
        assertThat(addresses(firstQuery.value())).containsExactly("192.0.2.2");
        assertThat(firstQuery.millis()).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 1000);

        Timed<Message> secondQuery = udp(DnsClient.query("b.example.com.", Type.A));
        assertThat(addresses(secondQuery.value())).containsExactly("192.0.2.2");
        assertThat(secondQuery.millis()).isLessThan(PROMPT_MS);

        Upstream dead = dns.forwarder().upstreams().get(0);
        assertThat(dead.address()).isEqualTo(first.address());
        assertThat(dead.failing()).isTrue();
        assertThat(dns.forwarder().upstreams().get(1).failing()).isFalse();
        assertThat(dns.counters().attemptTimeouts()).isEqualTo(1);
        System.out.printf("forward timing: dead first upstream %d ms, then with health memory %d ms%n",
                firstQuery.millis(), secondQuery.millis());
    }

    @Test
    void whenEveryUpstreamIsDeadTheClientGetsServfailAfterEachTimedOut() throws Exception {
        start(Mode.SILENT, Mode.SILENT);
        Message query = DnsClient.query("a.example.com.", Type.AAAA);
        Timed<Message> reply = udp(query);
        assertAnswers(reply.value(), query);
        assertThat(reply.value().getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.value().getSection(Section.ANSWER)).isEmpty();
        assertThat(reply.millis()).isBetween(2 * TIMEOUT.toMillis() - 20, 2 * TIMEOUT.toMillis() + 1000);
        assertThat(first.received()).hasSize(1);
        assertThat(second.received()).hasSize(1);
        assertThat(dns.counters().failed()).isEqualTo(1);
        System.out.printf("forward timing: SERVFAIL with two dead upstreams %d ms%n", reply.millis());
    }

    @Test
    void aServfailUpstreamIsPassedOverAtOnceAndStaysHealthy() throws Exception {
        start(Mode.SERVFAIL, Mode.ANSWER);
        Timed<Message> reply = udp(DnsClient.query("a.example.com.", Type.A));
        assertThat(reply.value().getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(addresses(reply.value())).containsExactly("192.0.2.2");
        assertThat(reply.millis()).isLessThan(PROMPT_MS);
        assertThat(dns.forwarder().upstreams().get(0).failing()).isFalse();
        assertThat(dns.counters().attemptErrorRcodes()).isEqualTo(1);
    }

    @Test
    void whenEveryUpstreamAnswersServfailTheClientGetsServfailAtOnce() throws Exception {
        start(Mode.SERVFAIL, Mode.SERVFAIL);
        Message query = DnsClient.query("a.example.com.", Type.A);
        Timed<Message> reply = udp(query);
        assertAnswers(reply.value(), query);
        assertThat(reply.value().getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.millis()).isLessThan(PROMPT_MS);
        assertThat(first.received()).hasSize(1);
        assertThat(second.received()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"WRONG_ID", "WRONG_PORT"})
    void aSpoofedReplyIsDroppedAndCountedAndTheNextUpstreamAnswers(Mode spoof) throws Exception {
        start(spoof, Mode.ANSWER);
        Timed<Message> reply = udp(DnsClient.query("a.example.com.", Type.A));
        assertThat(addresses(reply.value())).containsExactly("192.0.2.2");
        assertThat(reply.millis()).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 1000);
        assertThat(dns.counters().unmatchedReplies()).isEqualTo(1);
        assertThat(dns.counters().attemptTimeouts()).isEqualTo(1);
    }

    @Test
    void aSlowUpstreamWithinTheTimeoutIsWaitedFor() throws Exception {
        start(Mode.SLOW, Mode.ANSWER);
        first.delayMillis(150);
        Timed<Message> reply = udp(DnsClient.query("a.example.com.", Type.A));
        assertThat(addresses(reply.value())).containsExactly("192.0.2.1");
        assertThat(reply.millis()).isBetween(140L, TIMEOUT.toMillis() - 50);
        assertThat(second.received()).isEmpty();
        assertThat(dns.forwarder().upstreams().get(0).failing()).isFalse();
    }

    @Test
    void aLateReplyIsStillRelayedWhileTheNextUpstreamIsTried() throws Exception {
        start(Mode.SLOW, Mode.SILENT);
        first.delayMillis(TIMEOUT.toMillis() + 200);
        Timed<Message> reply = udp(DnsClient.query("a.example.com.", Type.A));
        assertThat(reply.value().getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(addresses(reply.value())).containsExactly("192.0.2.1");
        // Without it the client would wait for the second timeout and get SERVFAIL.
        assertThat(reply.millis()).isBetween(TIMEOUT.toMillis() + 150, 2 * TIMEOUT.toMillis() - 50);
        assertThat(second.received()).hasSize(1);
        assertThat(dns.counters().lateReplies()).isEqualTo(1);
        // Too slow counts as failing: the late reply does not make it healthy.
        assertThat(dns.forwarder().upstreams().get(0).failing()).isTrue();
    }
}
