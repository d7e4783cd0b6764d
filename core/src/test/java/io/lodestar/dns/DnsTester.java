package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbill.DNS.Message;

/**
 * Drives a {@link QueryProcessor} with raw query bytes in pooled (leak-tracked) buffers, releases every buffer it
 * allocates, and checks that the processor leaves the query buffer untouched.
 */
final class DnsTester {

    private final SnapshotHolder holder = new SnapshotHolder();
    private final QueryProcessor processor;
    final QueryResult result = new QueryResult();
    private final boolean direct;

    DnsTester(Config config, RecordSet records, boolean direct) {
        this.processor = new QueryProcessor(holder, config);
        this.direct = direct;
        if (records != null) {
            holder.publish(records, config, Fixtures.SERIAL);
        }
    }

    DnsTester(Config config, RecordSet records) {
        this(config, records, true);
    }

    static DnsTester standard() {
        return new DnsTester(Fixtures.config(), Fixtures.recordSet());
    }

    SnapshotHolder holder() {
        return holder;
    }

    QueryProcessor processor() {
        return processor;
    }

    /** The raw response bytes (empty when dropped). */
    byte[] raw(byte[] query, boolean tcp) {
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        ByteBuf in = direct ? alloc.directBuffer(query.length) : alloc.heapBuffer(query.length);
        ByteBuf out = direct ? alloc.directBuffer(512) : alloc.heapBuffer(512);
        boolean freed = false;
        try {
            in.writeBytes(query);
            int readerIndex = in.readerIndex();
            processor.process(in, out, tcp, result);
            assertThat(in.readerIndex()).as("query reader index").isEqualTo(readerIndex);
            assertThat(in.refCnt()).as("query refCnt").isEqualTo(1);
            assertThat(out.refCnt()).as("out refCnt").isEqualTo(1);
            assertThat(result.responseLength()).isEqualTo(out.readableBytes());
            byte[] bytes = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), bytes);
            freed = in.release() & out.release();
            assertThat(freed).as("every buffer of this query is freed").isTrue();
            return bytes;
        } finally {
            if (!freed) {
                releaseFully(in);
                releaseFully(out);
            }
        }
    }

    private static void releaseFully(ByteBuf buf) {
        if (buf.refCnt() > 0) {
            buf.release(buf.refCnt());
        }
    }

    byte[] raw(Message query, boolean tcp) {
        return raw(query.toWire(), tcp);
    }

    Message udp(Message query) {
        return parse(raw(query, false));
    }

    Message tcp(Message query) {
        return parse(raw(query, true));
    }

    static Message parse(byte[] response) {
        try {
            return new Message(response);
        } catch (IOException e) {
            throw new UncheckedIOException("dnsjava cannot parse our response", e);
        }
    }
}
