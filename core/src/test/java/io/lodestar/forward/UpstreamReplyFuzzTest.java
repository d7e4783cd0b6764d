package io.lodestar.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lodestar.testing.FuzzBounds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.Arrays;
import org.xbill.DNS.Message;

/**
 * An upstream's reply is outside input (a spoofer's, even): whatever bytes arrive, the forwarder's reply matching
 * ({@link ReplyCheck}), layout ({@link MessageLayout}), relay and cut ({@link Relay}) and cache ({@link CacheTtl},
 * {@link ReplyCache}) throw nothing, allocate a bounded amount and keep their promises: a relayed reply fits the
 * client's limit, carries the client's ID, keeps whole records and stays readable (by dnsjava) when the upstream's
 * was; a reply matches its own question and not another type. Seeds: real responses captured
 * from a running server and dnsjava-built upstream shapes (docs/reliability.md); findings are kept next to them.
 */
class UpstreamReplyFuzzTest {
    private static final int CLIENT_ID = 0xBEEF;
    private static final int[] LIMITS = {512, 1232, 65535};
    private static final byte[] FIXED_QUESTION = {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o',
        'm', 0};
    /** Layout arrays, three relayed copies and a cached copy: a small multiple of the reply. */
    private static final long FIXED_BYTES = 64 * 1024;
    private static final long BYTES_PER_INPUT_BYTE = 64;

    @FuzzTest
    void upstreamReply(byte[] input) {
        FuzzBounds.check(input.length + " bytes of reply", FIXED_BYTES + BYTES_PER_INPUT_BYTE * input.length,
                () -> examine(input));
    }

    private static void examine(byte[] input) {
        ByteBuf reply = Unpooled.wrappedBuffer(input);
        ReplyCheck.answers(reply, FIXED_QUESTION, FIXED_QUESTION.length, 1, 1);
        checkMatching(reply, input);
        MessageLayout layout = MessageLayout.read(reply);
        if (layout != null) {
            checkLayout(layout, input.length);
            int ttl = CacheTtl.of(reply, layout, 86_400, 3_600);
            assertThat(ttl).as("cache TTL").isBetween(CacheTtl.NONE, 86_400);
            checkCache(reply, layout, ttl);
        }
        if (input.length >= 12) {
            // The forwarder relays only what passed ReplyCheck, which needs a whole header.
            Message parsed = dnsjava(withoutTc(input));
            for (int limit : LIMITS) {
                checkRelay(reply, input, parsed, limit, true);
            }
            checkRelay(reply, input, parsed, 512, false);
        }
        assertThat(reply.readerIndex()).as("the reply's indices are left alone").isZero();
        assertThat(reply.writerIndex()).isEqualTo(input.length);
    }

    /**
     * A reply matches the question it carries (read here without compression, independently of the code under
     * test) exactly when QR is set and it has that one question, or none and an error rcode; another type matches
     * only in the second case.
     */
    private static void checkMatching(ByteBuf reply, byte[] input) {
        if (input.length < 12) {
            assertThat(ReplyCheck.answers(reply, FIXED_QUESTION, FIXED_QUESTION.length, 1, 1)).isFalse();
            return;
        }
        int nameLength = uncompressedNameLength(input, 12);
        if (nameLength < 0 || 12 + nameLength + 4 > input.length) {
            return;
        }
        byte[] name = lower(Arrays.copyOfRange(input, 12, 12 + nameLength));
        int type = ((input[12 + nameLength] & 0xFF) << 8) | (input[13 + nameLength] & 0xFF);
        int qclass = ((input[14 + nameLength] & 0xFF) << 8) | (input[15 + nameLength] & 0xFF);
        boolean qr = (input[2] & 0x80) != 0;
        int qdcount = ((input[4] & 0xFF) << 8) | (input[5] & 0xFF);
        boolean errorWithoutQuestion = qdcount == 0 && (input[3] & 0x0F) != 0;
        assertThat(ReplyCheck.answers(reply, name, nameLength, type, qclass)).as("the reply's own question matches")
                .isEqualTo(qr && (qdcount == 1 || errorWithoutQuestion));
        assertThat(ReplyCheck.answers(reply, name, nameLength, (type + 1) & 0xFFFF, qclass))
                .as("another type matches only an error without a question").isEqualTo(qr && errorWithoutQuestion);
    }

    /** The length of the name at {@code offset} with its root label, or -1 if it is compressed or malformed. */
    private static int uncompressedNameLength(byte[] b, int offset) {
        int p = offset;
        while (p < b.length && p - offset < 255) {
            int len = b[p] & 0xFF;
            if (len == 0) {
                return p + 1 - offset;
            }
            if (len > 63) {
                return -1;
            }
            p += len + 1;
        }
        return -1;
    }

    private static void checkLayout(MessageLayout m, int length) {
        assertThat(m.questionEnd()).isBetween(12, length);
        int previous = m.questionEnd();
        for (int i = 0; i < m.recordCount(); i++) {
            assertThat(m.recordStart(i)).as("record %d starts after the one before", i).isEqualTo(previous);
            assertThat(m.rdataStart(i)).isBetween(m.recordStart(i) + 11, m.recordEnd(i));
            previous = m.recordEnd(i);
        }
        assertThat(m.end()).isEqualTo(previous).isLessThanOrEqualTo(length);
    }

    private static void checkCache(ByteBuf reply, MessageLayout m, int ttl) {
        ReplyCache cache = new ReplyCache(4, 86_400, 3_600);
        ReplyCache.Key key = ReplyCache.key(FIXED_QUESTION, FIXED_QUESTION.length, 1, 1, false, false, false);
        assertThat(cache.put(key, reply, 0)).isEqualTo(ttl);
        ByteBuf out = Unpooled.buffer(m.end(), 65535);
        boolean hit = cache.write(key, CLIENT_ID, 1_000_000_000L, out);
        assertThat(hit).as("a cacheable reply is served from the cache").isEqualTo(ttl > 1);
        if (hit) {
            assertThat(out.readableBytes()).isEqualTo(m.end());
            assertThat(out.getUnsignedShort(0)).isEqualTo(CLIENT_ID);
        }
    }

    private static void checkRelay(ByteBuf reply, byte[] input, Message parsed, int limit, boolean setTruncateBit) {
        ByteBuf out = Unpooled.buffer(512, 65535);
        Relay.Result result = Relay.write(reply, CLIENT_ID, limit, setTruncateBit, out);
        if (result == Relay.Result.MALFORMED) {
            assertThat(out.readableBytes()).as("nothing written for a malformed reply").isZero();
            assertThat(input.length).as("only a reply too large is read").isGreaterThan(limit);
            return;
        }
        byte[] relayed = new byte[out.readableBytes()];
        out.readBytes(relayed);
        assertThat(relayed.length).as("relayed size").isBetween(12, limit);
        assertThat(((relayed[0] & 0xFF) << 8) | (relayed[1] & 0xFF)).as("the client's ID").isEqualTo(CLIENT_ID);
        boolean tc = (relayed[2] & 0x02) != 0;
        if (!setTruncateBit) {
            assertThat(tc).as("TC cleared").isFalse();
        } else if (result == Relay.Result.TRUNCATED) {
            assertThat(tc).as("TC set on a cut answer").isTrue();
        }
        if (result == Relay.Result.WHOLE) {
            assertThat(Arrays.copyOfRange(relayed, 4, relayed.length)).isEqualTo(Arrays.copyOfRange(input, 4,
                    input.length));
            return;
        }
        MessageLayout cut = MessageLayout.read(Unpooled.wrappedBuffer(relayed));
        assertThat(cut).as("a cut reply is still a DNS message").isNotNull();
        assertThat(cut.end()).as("no trailing bytes after a cut").isEqualTo(relayed.length);
        if (parsed != null) {
            assertThat(dnsjava(withoutTc(relayed))).as("a cut of a readable reply is readable").isNotNull();
        }
    }

    /**
     * The message with TC cleared: dnsjava forgives a broken message that has TC set (it was cut, after all), so
     * readability is compared without it (a finding of this test's first run, in the test, not the relay).
     */
    private static byte[] withoutTc(byte[] wire) {
        byte[] copy = wire.clone();
        if (copy.length > 2) {
            copy[2] &= ~0x02;
        }
        return copy;
    }

    private static Message dnsjava(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] lower(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] += 'a' - 'A';
            }
        }
        return out;
    }
}
