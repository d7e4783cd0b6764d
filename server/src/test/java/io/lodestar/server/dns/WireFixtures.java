package io.lodestar.server.dns;

import io.netty.buffer.ByteBuf;
import java.util.HexFormat;

/** Wire fixtures for handler tests: hex text to bytes, and the fields of a response the tests look at. */
final class WireFixtures {
    /** {@code web.marathon.mesos. A IN}, as it appears in a question. */
    static final String WEB_A_QUESTION = "03776562 086d61726174686f6e 056d65736f73 00 0001 0001";

    private WireFixtures() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** A query header: id, flags, qdcount 1, no other records. */
    static String header(int id, int flags, int qdcount) {
        return String.format("%04x%04x%04x000000000000", id, flags, qdcount);
    }

    static int id(ByteBuf response) {
        return response.getUnsignedShort(response.readerIndex());
    }

    static int rcode(ByteBuf response) {
        return response.getUnsignedByte(response.readerIndex() + 3) & 0x0F;
    }

    static boolean isResponse(ByteBuf response) {
        return (response.getUnsignedByte(response.readerIndex() + 2) & 0x80) != 0;
    }

    static int answerCount(ByteBuf response) {
        return response.getUnsignedShort(response.readerIndex() + 6);
    }
}
