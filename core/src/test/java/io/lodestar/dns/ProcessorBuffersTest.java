package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.dns.QueryResult.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.Rcode;

/** How process() uses the caller's buffers: positions, prefixes, heap or direct, and buffers that cannot grow. */
@ExtendWith(ParanoidLeakDetection.class)
class ProcessorBuffersTest {

    private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private final SnapshotHolder holder = new SnapshotHolder();
    private final QueryProcessor processor = new QueryProcessor(holder, Fixtures.config());
    private final QueryResult result = new QueryResult();

    ProcessorBuffersTest() {
        holder.publish(Fixtures.recordSet(), Fixtures.config(), Fixtures.SERIAL);
    }

    @Test
    void theResponseGoesAfterBytesAlreadyInTheOutputBuffer() {
        byte[] query = Ask.query("chronos.marathon.mesos. A").toWire();
        ByteBuf in = ALLOC.directBuffer().writeShort(query.length).writeBytes(query).skipBytes(2);
        ByteBuf out = ALLOC.directBuffer().writeShort(0xFFFF);
        try {
            processor.process(in, out, true, result);

            assertThat(out.getUnsignedShort(0)).as("a reserved TCP length prefix").isEqualTo(0xFFFF);
            assertThat(result.responseLength()).isEqualTo(out.writerIndex() - 2);
            byte[] response = new byte[result.responseLength()];
            out.getBytes(2, response);
            assertThat(DnsTester.parse(response).getSection(1)).hasSize(1);
        } finally {
            assertThat(in.release() && out.release()).isTrue();
        }
    }

    @Test
    void heapAndDirectBuffersGiveTheSameBytes() {
        DnsTester heap = new DnsTester(Fixtures.config(), Fixtures.recordSet(), false);
        DnsTester direct = new DnsTester(Fixtures.config(), Fixtures.recordSet(), true);
        for (String q : new String[] {"_web._tcp.*.marathon.mesos. SRV edns=1232", "missing.mesos. A",
                "mesos. NS"}) {
            byte[] query = Ask.query(q).toWire();

            assertThat(heap.raw(query, false)).as(q).isEqualTo(direct.raw(query, false));
        }
    }

    @Test
    void anOutputBufferThatCannotGrowGetsServfailWhenAHeaderFits() {
        ByteBuf in = ALLOC.heapBuffer().writeBytes(Ask.query("master.mesos. A").toWire());
        ByteBuf out = ALLOC.heapBuffer(16, 20);
        try {
            processor.process(in, out, false, result);

            assertThat(result.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(result.rcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(result.failure()).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(out.readableBytes()).isEqualTo(12);
            assertThat(out.getUnsignedShort(0)).as("ID").isEqualTo(in.getUnsignedShort(0));
            assertThat(out.getUnsignedShort(2) & 0xF).as("rcode").isEqualTo(Rcode.SERVFAIL);
        } finally {
            assertThat(in.release() && out.release()).isTrue();
        }
    }

    @Test
    void anOutputBufferTooSmallForAHeaderGetsNothing() {
        ByteBuf in = ALLOC.heapBuffer().writeBytes(Ask.query("master.mesos. A").toWire());
        ByteBuf out = ALLOC.heapBuffer(4, 8);
        try {
            processor.process(in, out, false, result);

            assertThat(result.outcome()).isEqualTo(Outcome.DROPPED);
            assertThat(out.readableBytes()).isZero();
            assertThat(result.responseLength()).isZero();
        } finally {
            assertThat(in.release() && out.release()).isTrue();
        }
    }

    @Test
    void theResultIsResetBetweenQueries() {
        DnsTester tester = new DnsTester(Fixtures.config(), Fixtures.recordSet());
        tester.raw(Ask.query("master.mesos. A").toWire(), false);

        tester.raw(new byte[5], false);

        assertThat(tester.result.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(tester.result.qtype()).isEqualTo(-1);
        assertThat(tester.result.query().nameLength()).isZero();
        assertThat(tester.result.responseLength()).isZero();
    }
}
