package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.dns.QueryResult.Outcome;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;

/**
 * Malformed and hostile queries as byte arrays: each guard gives its exact rcode or a drop, nothing throws, and
 * every buffer is released (PARANOID leak detection, exact refCnt checks in {@link DnsTester}).
 */
@ExtendWith(ParanoidLeakDetection.class)
class MalformedQueryTest {

    private static final int DROP = -1;
    private static final int FORMERR = 1;
    private static final int NOTIMP = 4;

    private final DnsTester tester = DnsTester.standard();

    static Stream<Arguments> cases() {
        Packets longName = Packets.query(0).label(63, 'a').label(63, 'b').label(63, 'c').label(55, 'd');
        Packets tooLongName = Packets.query(0).label(63, 'a').label(63, 'b').label(63, 'c').label(56, 'd');
        return Stream.of(
                // --- drops: not even a header, or a response ---
                row("empty", new byte[0], DROP),
                row("11 bytes", new byte[11], DROP),
                row("QR set", Packets.header(0x8100, 1, 0, 0, 0).chronos().bytes(), DROP),
                row("QR set, garbage", Packets.header(0x8000, 7, 7, 7, 7).u8(1, 2, 3).bytes(), DROP),
                // --- opcodes other than QUERY ---
                row("IQUERY", Packets.header(0x0800, 1, 0, 0, 0).chronos().bytes(), NOTIMP),
                row("STATUS", Packets.header(0x1000, 1, 0, 0, 0).chronos().bytes(), NOTIMP),
                row("NOTIFY", Packets.header(0x2000, 1, 0, 0, 0).chronos().bytes(), NOTIMP),
                row("UPDATE", Packets.header(0x2800, 1, 0, 0, 0).chronos().bytes(), NOTIMP),
                row("opcode 15, no question", Packets.header(0x7800, 0, 0, 0, 0).bytes(), NOTIMP),
                // --- question count ---
                row("no question", Packets.header(0x0100, 0, 0, 0, 0).bytes(), FORMERR),
                row("two questions", Packets.header(0x0100, 2, 0, 0, 0).chronos().chronos().bytes(), FORMERR),
                row("qdcount 1, header only", Packets.query(0).bytes(), FORMERR),
                // --- the question name ---
                row("label of 64", Packets.query(0).label(64, 'x').name("mesos").typeClass(1, 1).bytes(), FORMERR),
                row("pointer as name", Packets.query(0).u8(0xC0, 0x0C).typeClass(1, 1).bytes(), FORMERR),
                row("pointer after a label", Packets.query(0).label(1, 'x').u8(0xC0, 0x0C).typeClass(1, 1).bytes(),
                        FORMERR),
                row("label type 0x40", Packets.query(0).u8(0x41, 'x', 0).typeClass(1, 1).bytes(), FORMERR),
                row("label type 0x80", Packets.query(0).u8(0x81, 'x', 0).typeClass(1, 1).bytes(), FORMERR),
                row("name of 256", tooLongName.name("mesos").typeClass(1, 1).bytes(), FORMERR),
                row("name cut in a label", Packets.query(0).u8(7, 'c', 'h', 'r').bytes(), FORMERR),
                row("name without root", Packets.query(0).label(5, 'x').bytes(), FORMERR),
                row("no type and class", Packets.query(0).name("chronos", "marathon", "mesos").bytes(), FORMERR),
                row("class cut", Packets.query(0).name("mesos").u8(0, 1, 0).bytes(), FORMERR),
                row("a byte after the question", Packets.query(0).chronos().u8(0).bytes(), FORMERR),
                // --- records after the question ---
                row("arcount 1, nothing", Packets.query(1).chronos().bytes(), FORMERR),
                row("OPT cut", Packets.query(1).chronos().u8(0, 0, 41, 4).bytes(), FORMERR),
                row("OPT rdata past the end", Packets.query(1).chronos().u8(0).u16(41).u16(1232).u32(0).u16(4)
                        .bytes(), FORMERR),
                row("OPT in the answer section", Packets.header(0x0100, 1, 1, 0, 0).chronos().opt(1232, 0)
                        .bytes(), FORMERR),
                row("two OPTs", Packets.query(2).chronos().opt(1232, 0).opt(1232, 0).bytes(), FORMERR),
                row("OPT not owned by the root", Packets.query(1).chronos().name("x").u16(41).u16(1232).u32(0)
                        .u16(0).bytes(), FORMERR),
                row("OPT option past its rdata", Packets.query(1).chronos().opt(1232, 0, 0, 10, 0, 9, 1)
                        .bytes(), FORMERR),
                row("a byte after the OPT", Packets.query(1).chronos().opt(1232, 0).u8(0).bytes(), FORMERR),
                row("bad label in a record owner", Packets.query(1).chronos().u8(0x41, 0).bytes(), FORMERR),
                // --- well formed, for contrast ---
                row("name of 255", longName.name("mesos").typeClass(1, 1).bytes(), 3),
                row("OPT with a cookie option", Packets.query(1).chronos().opt(1232, 0, 0, 10, 0, 8,
                        1, 2, 3, 4, 5, 6, 7, 8).bytes(), 0),
                row("an answer record with a pointer owner", Packets.header(0x0100, 1, 1, 0, 0).chronos()
                        .u8(0xC0, 0x0C).typeClass(1, 1).u32(60).u16(4).u8(1, 2, 3, 4).bytes(), 0),
                row("class 0", Packets.query(0).name("chronos", "marathon", "mesos").typeClass(1, 0).bytes(), 5),
                row("EDNS version 1", Packets.query(1).chronos().opt(1232, 0x0001_0000L).bytes(), 16));
    }

    private static Arguments row(String name, byte[] bytes, int expected) {
        return Arguments.of(name, bytes, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedQueriesGetTheirRcodeOrAreDropped(String name, byte[] query, int expected) {
        byte[] response = tester.raw(query, false);

        assertThat(tester.result.failure()).isNull();
        if (expected == DROP) {
            assertThat(response).isEmpty();
            assertThat(tester.result.outcome()).isEqualTo(Outcome.DROPPED);
            return;
        }
        Message parsed = DnsTester.parse(response);
        assertThat(parsed.getRcode()).isEqualTo(expected);
        assertThat(tester.result.rcode()).isEqualTo(expected);
        assertThat(parsed.getHeader().getID()).isEqualTo(Packets.ID);
        assertThat(response[2] & 0x80).as("QR").isNotZero();
        assertThat((response[2] >> 3) & 0xF).as("opcode echoed").isEqualTo((query[2] >> 3) & 0xF);
        if (expected == FORMERR || expected == NOTIMP) {
            assertThat(response).as("header only").hasSize(12);
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20_240_601L);
        for (int i = 0; i < 3000; i++) {
            byte[] query = new byte[random.nextInt(300)];
            random.nextBytes(query);
            if (random.nextBoolean() && query.length > 2) {
                query[2] &= 0x07; // QR clear, opcode QUERY: reach the question parser more often
            }
            checkSurvives(query);
        }
    }

    @Test
    void mutatedValidQueriesNeverThrow() {
        Random random = new Random(42L);
        byte[][] seeds = {
                Ask.query("chronos.marathon.mesos. A").toWire(),
                Ask.query("_web._tcp.*.marathon.mesos. SRV edns=1232 do").toWire(),
                Ask.query("mesos. NS edns=4096").toWire(),
                Ask.query("example.com. A").toWire(),
        };
        java.util.Set<Integer> rcodes = new java.util.TreeSet<>();
        int dropped = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] seed = seeds[i % seeds.length];
            byte[] query = java.util.Arrays.copyOf(seed, Math.max(0, seed.length - random.nextInt(4) * random
                    .nextInt(8)));
            for (int flips = 1 + random.nextInt(4); flips > 0 && query.length > 0; flips--) {
                query[random.nextInt(query.length)] = (byte) random.nextInt(256);
            }
            checkSurvives(query);
            if (tester.result.outcome() == Outcome.DROPPED) {
                dropped++;
            } else {
                rcodes.add(tester.result.rcode());
            }
        }

        // The mutations reach every stage, not just the first guard.
        assertThat(rcodes).contains(0, FORMERR, 3, NOTIMP, 5, 16);
        assertThat(dropped).isBetween(1, 2000);
    }

    private void checkSurvives(byte[] query) {
        byte[] response = tester.raw(query, false);

        assertThat(tester.result.failure()).isNull();
        if (tester.result.outcome() == Outcome.DROPPED) {
            assertThat(response).isEmpty();
            return;
        }
        assertThat(response.length).isBetween(12, 512);
        assertThat(response[0]).isEqualTo(query[0]);
        assertThat(response[1]).isEqualTo(query[1]);
        assertThat(DnsTester.parse(response).getRcode()).isEqualTo(tester.result.rcode());
    }
}
