package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.Arrays;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * What makes a response well formed for the query it answers, checked with dnsjava as the independent parser:
 * the same ID and opcode, QR set, the question echoed byte for byte when there is one, readable as a DNS message,
 * and within the transport's size limit (RFC 1035 4.2.1, RFC 6891 6.2.5).
 */
final class ResponseOracle {
    private static final int HEADER = 12;
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int TCP_LIMIT = 65535;

    private ResponseOracle() {
    }

    /** True when the message is one the server drops rather than answers: shorter than a header, or QR set. */
    static boolean dropped(byte[] query) {
        return query.length < HEADER || (query[2] & 0x80) != 0;
    }

    static void assertUdpAnswer(byte[] query, byte[] response, int udpMaxResponseSize) {
        Message parsed = assertWellFormed(query, response);
        OPTRecord opt = parsed.getOPT();
        int limit = PLAIN_UDP_LIMIT;
        if (opt != null) {
            assertThat(opt.getPayloadSize()).as("the OPT's payload size").isEqualTo(udpMaxResponseSize);
            limit = Math.max(PLAIN_UDP_LIMIT, Math.min(clientUdpSize(query, udpMaxResponseSize), udpMaxResponseSize));
        }
        assertThat(response.length).as("UDP response size").isLessThanOrEqualTo(limit);
    }

    static void assertTcpAnswer(byte[] query, byte[] response) {
        assertWellFormed(query, response);
        assertThat(response.length).as("TCP response size").isLessThanOrEqualTo(TCP_LIMIT);
    }

    private static Message assertWellFormed(byte[] query, byte[] response) {
        assertThat(response.length).as("response length").isGreaterThanOrEqualTo(HEADER);
        assertThat(Arrays.copyOf(response, 2)).as("the query's ID").containsExactly(query[0], query[1]);
        assertThat(response[2] & 0x80).as("QR").isNotZero();
        assertThat(response[2] & 0x78).as("the query's opcode").isEqualTo(query[2] & 0x78);
        Message parsed;
        try {
            parsed = new Message(response);
        } catch (IOException e) {
            throw new AssertionError("dnsjava cannot read the response: " + e.getMessage(), e);
        }
        if (parsed.getQuestion() != null) {
            int questionEnd = HEADER + parsed.getQuestion().getName().length() + 4;
            if (query.length < questionEnd) {
                fail("the response has a question the query does not hold");
            }
            assertThat(Arrays.copyOfRange(response, HEADER, questionEnd)).as("the question, echoed as received")
                    .isEqualTo(Arrays.copyOfRange(query, HEADER, questionEnd));
        }
        return parsed;
    }

    /** The client's EDNS size when dnsjava reads the query and finds an OPT, else the server's maximum. */
    private static int clientUdpSize(byte[] query, int udpMaxResponseSize) {
        try {
            OPTRecord opt = new Message(query).getOPT();
            return opt == null ? udpMaxResponseSize : opt.getPayloadSize();
        } catch (IOException | RuntimeException e) {
            return udpMaxResponseSize;
        }
    }
}
