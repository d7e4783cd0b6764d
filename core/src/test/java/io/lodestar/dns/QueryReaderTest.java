package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader's view of a query: lowercased name, hash as the compiler computes it, `.*` key, label offsets. */
class QueryReaderTest {

    private static Query read(String query) {
        byte[] wire = Ask.query(query).toWire();
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        Query q = new Query();
        assertThat(QueryReader.read(buf, q)).isEqualTo(QueryReader.OK);
        return q;
    }

    private static byte[] wire(String name) {
        return Names.lower(Names.toWire(name));
    }

    @Test
    void nameIsLowercasedAndHashedAsTheCompilerHashesIt() {
        Query q = read("ChRoNoS.Marathon.MESOS. AAAA");

        byte[] expected = wire("chronos.marathon.mesos.");
        assertThat(Arrays.copyOf(q.lowercaseName(), q.nameLength())).isEqualTo(expected);
        assertThat(q.keyHash).isEqualTo(Wire.hash(expected, 0, expected.length));
        assertThat(q.qtype()).isEqualTo(28);
        assertThat(q.qclass()).isEqualTo(1);
        assertThat(q.labelCount()).isEqualTo(3);
        assertThat(q.labelStart(1)).isEqualTo(8);
        assertThat(q.labelStart(2)).isEqualTo(17);
    }

    @ParameterizedTest
    @CsvSource({
            "a.*.b.mesos., a.b.mesos.",
            "a.*b.mesos., ab.mesos.",
            "a.**.mesos., a*.mesos.",
            "a.*.*.mesos., a.mesos.",
            "*.mesos., *.mesos.",
            "*.*.mesos., *.mesos.",
            "A.*.B.Mesos., a.b.mesos.",
    })
    void everyDotStarIsRemovedFromTheKey(String name, String key) {
        Query q = read(name + " A");

        byte[] expected = wire(key);
        assertThat(Arrays.copyOf(q.key, q.keyLength)).isEqualTo(expected);
        assertThat(q.keyHash).isEqualTo(Wire.hash(expected, 0, expected.length));
        assertThat(Arrays.copyOf(q.lowercaseName(), q.nameLength())).as("the name itself is kept")
                .isEqualTo(wire(name));
    }

    @Test
    void readsFromTheReaderIndexAndLeavesIndicesAlone() {
        byte[] wire = Ask.query("leader.mesos. A edns=1400 do").toWire();
        ByteBuf buf = Unpooled.buffer(wire.length + 2).writeShort(wire.length).writeBytes(wire);
        buf.skipBytes(2);
        Query q = new Query();

        assertThat(QueryReader.read(buf, q)).isEqualTo(QueryReader.OK);
        assertThat(buf.readerIndex()).isEqualTo(2);
        assertThat(buf.writerIndex()).isEqualTo(wire.length + 2);
        assertThat(q.edns()).isTrue();
        assertThat(q.ednsUdpSize()).isEqualTo(1400);
        assertThat(q.dnssecOk()).isTrue();
        assertThat(q.recursionDesired()).isTrue();
    }
}
