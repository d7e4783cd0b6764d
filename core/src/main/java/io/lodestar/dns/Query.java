package io.lodestar.dns;

/**
 * The header, question and EDNS fields of one query message, read in place into reusable storage owned by one
 * thread's {@link QueryResult}. Valid until that result is used for the next query; a forwarder reads it to take
 * over a query outside our zone (id, flags, lowercased name with its label offsets, type, class, EDNS).
 *
 * <p>Arrays returned here are the live storage: read them, never keep or change them.
 */
public final class Query {

    /** The raw question (name as received, type, class) is at most a 255-byte name plus 4 bytes. */
    static final int MAX_QUESTION_LENGTH = Wire.MAX_NAME_LENGTH + 4;

    int id;
    int flags;
    int qdcount;
    int ancount;
    int nscount;
    int arcount;

    /** The question as received, case preserved: echoed verbatim in the response. */
    final byte[] rawQuestion = new byte[MAX_QUESTION_LENGTH];
    int questionLength;

    final byte[] name = new byte[Wire.MAX_NAME_LENGTH];
    int nameLength;
    int nameHash;
    /** Offset in {@link #name} of each label's length byte, the root excluded; at most 127 labels fit in 255 bytes. */
    final int[] labelStarts = new int[128];
    int labelCount;
    boolean hasInnerWildcardLabel;

    /** The lookup key: {@link #name}, or {@link #strippedKey} when {@code .*} sequences were removed. */
    byte[] key;
    int keyLength;
    int keyHash;
    final byte[] strippedKey = new byte[Wire.MAX_NAME_LENGTH];

    int qtype;
    int qclass;

    boolean edns;
    int ednsUdpSize;
    int ednsVersion;
    boolean dnssecOk;

    void reset() {
        id = 0;
        flags = 0;
        qdcount = 0;
        ancount = 0;
        nscount = 0;
        arcount = 0;
        questionLength = 0;
        nameLength = 0;
        nameHash = 0;
        labelCount = 0;
        hasInnerWildcardLabel = false;
        key = name;
        keyLength = 0;
        keyHash = 0;
        qtype = -1;
        qclass = -1;
        edns = false;
        ednsUdpSize = 0;
        ednsVersion = 0;
        dnssecOk = false;
    }

    /** The message ID. */
    public int id() {
        return id;
    }

    /** The header's opcode (0 = QUERY). */
    public int opcode() {
        return (flags >>> 11) & 0xF;
    }

    /** The RD flag of the query. */
    public boolean recursionDesired() {
        return (flags & Wire.FLAG_RD) != 0;
    }

    /** The CD flag of the query. */
    public boolean checkingDisabled() {
        return (flags & Wire.FLAG_CD) != 0;
    }

    /** The question type, or -1 when no question was read. */
    public int qtype() {
        return qtype;
    }

    /** The question class, or -1 when no question was read. */
    public int qclass() {
        return qclass;
    }

    /** The question name in wire format, ASCII-lowercased; {@link #nameLength()} bytes, root byte included. */
    public byte[] lowercaseName() {
        return name;
    }

    /** The length of the question name on the wire (0 when no question was read). */
    public int nameLength() {
        return nameLength;
    }

    /** The number of labels of the question name, the root excluded. */
    public int labelCount() {
        return labelCount;
    }

    /** The offset in {@link #lowercaseName()} of label {@code i} (0 = leftmost): handy for suffix matching. */
    public int labelStart(int i) {
        return labelStarts[i];
    }

    /** True when the query carried an EDNS OPT record (RFC 6891). */
    public boolean edns() {
        return edns;
    }

    /** The client's advertised UDP payload size from OPT, or 0 without EDNS. */
    public int ednsUdpSize() {
        return ednsUdpSize;
    }

    /** The EDNS version of the query's OPT. */
    public int ednsVersion() {
        return ednsVersion;
    }

    /** The DO bit of the query's OPT (RFC 3225). */
    public boolean dnssecOk() {
        return dnssecOk;
    }
}
