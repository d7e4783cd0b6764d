package io.lodestar.dns;

/**
 * One precompiled response tail: the answer, authority and additional records in wire format, written right after
 * the echoed question. Immutable and shared by every query that gets this answer.
 *
 * <p>The tail was compiled for a question name of {@link #assumedNameLength} bytes. Answer owners point at the
 * question (offset 12) and need nothing per query; every other compression pointer (to the zone apex at the end of
 * the question, or inside the tail) is listed in {@link #relocations} and moves by the difference between the real
 * and the assumed name length, which is non-zero for shared negative answers, answers shared by names of several
 * lengths (see {@link RRsetCompiler}) and {@code .*} queries.
 *
 * <p>The tail may start with a slice of a {@link #head} array shared with other answers: the rotations of an RRset
 * are slices of one array that holds its records twice over, followed by their own additional records, if any.
 */
final class Answer {

    static final byte[] NO_BYTES = new byte[0];
    static final char[] NO_OFFSETS = new char[0];

    final int rcode;
    /** The array the tail starts with {@link #headLength} bytes of, from {@link #headOffset}; shared. */
    final byte[] head;
    final int headOffset;
    final int headLength;
    /** The rest of the tail, after the head bytes. */
    final byte[] tail;
    /**
     * End offset in the tail (head bytes included) of each record, ascending: truncation keeps whole records. A tail
     * is shorter than 64 KiB, so offsets are chars, as are {@link #relocations}.
     */
    final char[] recordEnds;
    final int answerCount;
    final int authorityCount;
    final int additionalCount;
    final int assumedNameLength;
    /** Offsets in the tail (head bytes included) of the relocatable pointers, ascending; none in the head. */
    final char[] relocations;
    /** True when answer or authority records were left out at build time: no message could hold them. */
    final boolean incomplete;

    Answer(int rcode, byte[] tail, char[] recordEnds, int answerCount, int authorityCount, int additionalCount,
           int assumedNameLength, char[] relocations, boolean incomplete) {
        this(rcode, NO_BYTES, 0, 0, tail, recordEnds, answerCount, authorityCount, additionalCount,
                assumedNameLength, relocations, incomplete);
    }

    /** An answer whose tail is {@code headLength} bytes of {@code head} from {@code headOffset}, then {@code tail}. */
    Answer(int rcode, byte[] head, int headOffset, int headLength, byte[] tail, char[] recordEnds, int answerCount,
           int authorityCount, int additionalCount, int assumedNameLength, char[] relocations, boolean incomplete) {
        this.rcode = rcode;
        this.head = head;
        this.headOffset = headOffset;
        this.headLength = headLength;
        this.tail = tail;
        this.recordEnds = recordEnds;
        this.answerCount = answerCount;
        this.authorityCount = authorityCount;
        this.additionalCount = additionalCount;
        this.assumedNameLength = assumedNameLength;
        this.relocations = relocations;
        this.incomplete = incomplete;
    }

    /** The same records with another rcode: NXDOMAIN and NODATA share the SOA tail. */
    Answer withRcode(int newRcode) {
        return new Answer(newRcode, head, headOffset, headLength, tail, recordEnds, answerCount, authorityCount,
                additionalCount, assumedNameLength, relocations, incomplete);
    }

    /** The length of the whole tail, head bytes included. */
    int length() {
        return headLength + tail.length;
    }

    int recordCount() {
        return recordEnds.length;
    }

    /** The number of leading records whose bytes fit in {@code budget}. */
    int recordsFitting(int budget) {
        int lo = 0;
        int hi = recordEnds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recordEnds[mid] <= budget) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
