package io.lodestar.dns;

/**
 * What {@link QueryProcessor#process} did with one query: caller-owned, one per thread, reused for every query so
 * that nothing is allocated. Read it right after the call to count metrics (outcome, rcode, qtype, truncation) and,
 * for {@link Outcome#OUTSIDE_ZONE}, to hand the query to a forwarder ({@link #query()}).
 */
public final class QueryResult {

    /** How the query ended. */
    public enum Outcome {
        /** A response was written (any rcode). */
        ANSWERED,
        /** Nothing was written: shorter than a header, or a response (QR set). */
        DROPPED,
        /** The name is outside our zone: a REFUSED response was written for a forwarder to replace. */
        OUTSIDE_ZONE
    }

    private final Query query = new Query();
    private Outcome outcome = Outcome.DROPPED;
    private int rcode;
    private boolean truncated;
    private int responseLength;
    private RuntimeException failure;
    private int rotation;

    /** The header, question and EDNS fields read from the query; only as complete as the reader got. */
    public Query query() {
        return query;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The response's rcode, extended rcodes included (BADVERS = 16); meaningless when dropped. */
    public int rcode() {
        return rcode;
    }

    /** The question type, or -1 when no question was read. */
    public int qtype() {
        return query.qtype;
    }

    /**
     * True when answer or authority records were left out to fit the size limit; TC was set in the response unless
     * {@code setTruncateBit} is false.
     */
    public boolean truncated() {
        return truncated;
    }

    /** The number of bytes written to the output buffer (0 when dropped). */
    public int responseLength() {
        return responseLength;
    }

    /**
     * The unexpected exception that turned this query into SERVFAIL (or a drop when even that could not be written),
     * or null. Never expected; for a rate-limited log line.
     */
    public RuntimeException failure() {
        return failure;
    }

    void reset() {
        outcome = Outcome.DROPPED;
        rcode = 0;
        truncated = false;
        responseLength = 0;
        failure = null;
    }

    void set(Outcome outcome, int rcode) {
        this.outcome = outcome;
        this.rcode = rcode;
    }

    void truncated(boolean truncated) {
        this.truncated = truncated;
    }

    void responseLength(int length) {
        this.responseLength = length;
    }

    void failure(RuntimeException e) {
        this.failure = e;
    }

    /** The next round-robin position, per thread: successive answers from one thread rotate RRsets. */
    int nextRotation() {
        int r = rotation++;
        return r & Integer.MAX_VALUE;
    }
}
