package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryResult.Outcome;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The one call a DNS transport makes per query: read it, apply the guards, look it up in the current
 * {@link Snapshot}, write the response. Allocation-free, lock-free, thread-safe (all per-query state lives in the
 * caller's {@link QueryResult}), and it never throws.
 */
public final class QueryProcessor {

    private final SnapshotHolder holder;
    private final ResponseWriter writer;
    private final byte[] apex;
    private final int apexLabels;

    /** A processor answering from whatever {@code holder} holds, with the flags and limits of {@code config}. */
    public QueryProcessor(SnapshotHolder holder, Config config) {
        this.holder = holder;
        this.writer = new ResponseWriter(config);
        byte[] wire = Names.toWire(config.domainFqdn());
        if (wire == null) {
            throw new IllegalArgumentException("domain is not a valid DNS name: " + config.domain());
        }
        this.apex = Names.lower(wire);
        int labels = 0;
        for (int i = 0; apex[i] != 0; i += (apex[i] & 0xFF) + 1) {
            labels++;
        }
        this.apexLabels = labels;
    }

    /**
     * Answers the query held in the readable bytes of {@code query} (its indices are left alone) by writing the
     * complete response at the writer index of {@code out}, without a TCP length prefix; writes nothing when the
     * query is dropped. {@code tcp} selects the size limit. Fills {@code result}.
     */
    public void process(ByteBuf query, ByteBuf out, boolean tcp, QueryResult result) {
        result.reset();
        int start = out.writerIndex();
        try {
            handle(query, out, tcp, result);
        } catch (RuntimeException e) {
            // Not expected for any input; the buffer may refuse to grow. Answer SERVFAIL if even that fits.
            result.failure(e);
            out.writerIndex(start);
            try {
                writer.writeHeaderOnly(out, result.query(), Wire.RCODE_SERVFAIL);
                result.set(Outcome.ANSWERED, Wire.RCODE_SERVFAIL);
            } catch (RuntimeException again) {
                out.writerIndex(start);
                result.set(Outcome.DROPPED, Wire.RCODE_SERVFAIL);
            }
        }
        result.responseLength(out.writerIndex() - start);
    }

    private void handle(ByteBuf query, ByteBuf out, boolean tcp, QueryResult result) {
        Query q = result.query();
        int status = QueryReader.read(query, q);
        if (status == QueryReader.DROP) {
            result.set(Outcome.DROPPED, 0);
            return;
        }
        if (status != QueryReader.OK) {
            writer.writeHeaderOnly(out, q, status);
            result.set(Outcome.ANSWERED, status);
            return;
        }
        if (q.edns && q.ednsVersion != 0) {
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_BADVERS);
            return;
        }
        if (q.qclass != Wire.CLASS_IN && q.qclass != Wire.CLASS_ANY) {
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_REFUSED);
            return;
        }
        if (!inZone(q)) {
            answerWithoutRecords(out, q, result, Outcome.OUTSIDE_ZONE, Wire.RCODE_REFUSED);
            return;
        }
        if (q.qtype == Wire.TYPE_AXFR || q.qtype == Wire.TYPE_IXFR) {
            // No zone transfers (RFC 5936 2.2.1 allows REFUSED).
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_REFUSED);
            return;
        }
        Snapshot snapshot = holder.current();
        if (snapshot == null) {
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_SERVFAIL);
            return;
        }
        Answer answer = select(snapshot, q, result);
        result.truncated(writer.writeAnswer(out, q, answer, tcp));
        result.set(Outcome.ANSWERED, answer.rcode);
    }

    private void answerWithoutRecords(ByteBuf out, Query q, QueryResult result, Outcome outcome, int rcode) {
        writer.writeEmpty(out, q, rcode, false);
        result.set(outcome, rcode);
    }

    /** The zone apex, compared on label boundaries, ends the question name. */
    private boolean inZone(Query q) {
        if (q.labelCount < apexLabels) {
            return false;
        }
        int apexStart = q.nameLength - apex.length;
        if (apexLabels > 0 && q.labelStarts[q.labelCount - apexLabels] != apexStart) {
            return false;
        }
        return Arrays.equals(q.name, apexStart, q.nameLength, apex, 0, apex.length);
    }

    /**
     * NXDOMAIN when the name does not exist (empty non-terminals exist, RFC 8020), NODATA when it has no data of the
     * type, else the next rotation of the precompiled answer.
     */
    private static Answer select(Snapshot snapshot, Query q, QueryResult result) {
        NameNode node = snapshot.find(q.key, q.keyLength, q.keyHash);
        if (node == null) {
            return snapshot.nxdomain();
        }
        Answer[] answers = node.answers(q.qtype);
        if (answers == null) {
            return snapshot.nodata();
        }
        return answers.length == 1 ? answers[0] : answers[result.nextRotation() % answers.length];
    }
}
