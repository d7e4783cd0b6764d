package io.lodestar.server.dns;

import static io.lodestar.server.dns.ResponseRateLimiter.Decision.DROP;
import static io.lodestar.server.dns.ResponseRateLimiter.Decision.SEND;
import static io.lodestar.server.dns.ResponseRateLimiter.Decision.SLIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate limiter's accounts on a clock of its own: rates, bursts, debt and forgiveness, prefixes, slips. */
class ResponseRateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * SECOND;

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static ResponseRateLimiter limiter(int rate, int window, int slip) {
        return new ResponseRateLimiter(rate, window, slip, 24, 56, T0);
    }

    private static List<ResponseRateLimiter.Decision> ask(ResponseRateLimiter l, String client, long at, int times) {
        List<ResponseRateLimiter.Decision> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(l.admit(ip(client), at));
        }
        return out;
    }

    @Test
    void aClientGetsOneSecondsWorthAtOnceThenEveryOtherWithheldResponseSlips() {
        ResponseRateLimiter l = limiter(5, 15, 2);

        assertThat(ask(l, "192.0.2.1", T0, 9)).containsExactly(SEND, SEND, SEND, SEND, SEND, DROP, SLIP, DROP, SLIP);
    }

    @Test
    void theRateIsEarnedBackOverTime() {
        ResponseRateLimiter l = limiter(10, 15, 0);
        ask(l, "192.0.2.1", T0, 10);

        assertThat(l.admit(ip("192.0.2.1"), T0)).isEqualTo(DROP);
        // 0.1 s earns one response, with the one withheld just now still to pay for.
        assertThat(ask(l, "192.0.2.1", T0 + SECOND / 10, 1)).containsExactly(DROP);
        assertThat(ask(l, "192.0.2.1", T0 + 3 * SECOND / 10, 2)).containsExactly(SEND, DROP);
    }

    @Test
    void aFloodRunsUpDebtForAtMostTheWindowAndIsForgivenAfterIt() {
        ResponseRateLimiter l = limiter(10, 2, 0);
        ask(l, "192.0.2.1", T0, 10_000);

        assertThat(ask(l, "192.0.2.1", T0 + 2 * SECOND, 1)).as("still paying for 2 s of debt").containsExactly(DROP);
        assertThat(ask(l, "192.0.2.1", T0 + 4 * SECOND + SECOND / 10, 1)).as("forgiven after the window")
                .containsExactly(SEND);
    }

    @Test
    void oneSlash24IsOneClientAndItsNeighboursAreNot() {
        ResponseRateLimiter l = limiter(2, 15, 0);

        assertThat(ask(l, "192.0.2.1", T0, 2)).containsOnly(SEND);
        assertThat(ask(l, "192.0.2.200", T0, 1)).as("same /24").containsExactly(DROP);
        assertThat(ask(l, "192.0.3.1", T0, 2)).as("the next /24").containsOnly(SEND);
        assertThat(ask(l, "::ffff:192.0.2.9", T0, 1)).as("IPv4-mapped IPv6 is its IPv4 address").containsExactly(DROP);
    }

    @Test
    void oneSlash56IsOneIpv6Client() {
        ResponseRateLimiter l = limiter(2, 15, 0);

        assertThat(ask(l, "2001:db8:0:1::1", T0, 2)).containsOnly(SEND);
        assertThat(ask(l, "2001:db8:0:ff:ffff::2", T0, 1)).as("same /56").containsExactly(DROP);
        assertThat(ask(l, "2001:db8:0:100::1", T0, 1)).as("the next /56").containsExactly(SEND);
        assertThat(ask(l, "::1", T0, 2)).as("the zero prefix is a client too").containsOnly(SEND);
        assertThat(ask(l, "::2", T0, 1)).containsExactly(DROP);
    }

    @Test
    void prefixLengthsAreConfigurable() {
        ResponseRateLimiter l = new ResponseRateLimiter(1, 15, 0, 32, 64, T0);

        assertThat(ask(l, "192.0.2.1", T0, 2)).containsExactly(SEND, DROP);
        assertThat(ask(l, "192.0.2.2", T0, 1)).as("a /32 is one address").containsExactly(SEND);
        assertThat(ask(l, "2001:db8::1", T0, 2)).containsExactly(SEND, DROP);
        assertThat(ask(l, "2001:db8:0:1::1", T0, 1)).as("the next /64").containsExactly(SEND);
    }

    @Test
    void moreClientsThanSlotsShareTheTableWithoutFailing() {
        ResponseRateLimiter l = limiter(1, 15, 0);
        int clients = 4 * ResponseRateLimiter.ENTRIES;
        for (int i = 0; i < clients; i++) {
            l.admit(ip("10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + ".1"), T0);
        }

        assertThat(ask(l, "10.255.255.1", T0, 2)).containsExactly(SEND, DROP);
    }

    @Test
    void anIpv4AddressHashCodeIsTheAddressTheLimiterReadsWithoutCopying() throws UnknownHostException {
        Inet4Address a = (Inet4Address) InetAddress.getByName("192.0.2.33");

        assertThat(a.hashCode()).isEqualTo(0xC0000221);
    }

    @Test
    void offByDefaultAndEachSocketAllowsItsShareOfTheRate() {
        assertThat(ResponseRateLimiter.forSocket(Config.defaults(), 4, T0)).isNull();

        ResponseRateLimiter share = ResponseRateLimiter.forSocket(
                Config.builder().rrlResponsesPerSecond(10).rrlSlip(0).build(), 4, T0);

        assertThat(ask(share, "192.0.2.1", T0, 4)).containsExactly(SEND, SEND, SEND, DROP);
    }
}
