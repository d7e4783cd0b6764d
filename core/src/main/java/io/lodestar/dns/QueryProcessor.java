package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryResult.Outcome;
import io.lodestar.records.Zones;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;

/**
 * The one call a DNS transport makes per query: read it, apply the guards, find the zone, look the name up in the
 * current {@link Snapshot}, write the response. Allocation-free, lock-free, thread-safe (all per-query state lives
 * in the caller's {@link QueryResult}), and it never throws.
 *
 * <p>A name is in our zones when it ends in a forward apex (the Mesos domain, {@code thisdcos.directory.} when
 * enabled), or when its last 6 labels ({@code in-addr.arpa}) or 34 labels ({@code ip6.arpa}) are the reverse name
 * of an address the snapshot publishes. Every other name, other reverse names included, is {@code OUTSIDE_ZONE}.
 */
public final class QueryProcessor {

    private static final byte[] IN_ADDR_ARPA = Names.toWire(Zones.IN_ADDR_ARPA);
    private static final byte[] IP6_ARPA = Names.toWire(Zones.IP6_ARPA);

    private final SnapshotHolder holder;
    private final ResponseWriter writer;
    /** The forward apexes of the config, to tell SERVFAIL from forwarding before the first snapshot. */
    private final byte[][] apexes;
    private final int[] apexLabels;

    /** A processor answering from whatever {@code holder} holds, with the flags and limits of {@code config}. */
    public QueryProcessor(SnapshotHolder holder, Config config) {
        this.holder = holder;
        this.writer = new ResponseWriter(config);
        List<String> zones = Zones.forward(config);
        this.apexes = new byte[zones.size()][];
        this.apexLabels = new int[zones.size()];
        for (int z = 0; z < apexes.length; z++) {
            byte[] wire = Names.toWire(zones.get(z));
            if (wire == null) {
                throw new IllegalArgumentException("domain is not a valid DNS name: " + zones.get(z));
            }
            apexes[z] = Names.lower(wire);
            apexLabels[z] = Zone.labelCount(apexes[z]);
        }
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
        Snapshot snapshot = holder.current();
        Zone zone = snapshot == null ? null : zoneOf(snapshot, q);
        if (zone == null && (snapshot != null || !inConfiguredZone(q))) {
            answerWithoutRecords(out, q, result, Outcome.OUTSIDE_ZONE, Wire.RCODE_REFUSED);
            return;
        }
        if (q.qtype == Wire.TYPE_AXFR || q.qtype == Wire.TYPE_IXFR) {
            // No zone transfers (RFC 5936 2.2.1 allows REFUSED).
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_REFUSED);
            return;
        }
        if (snapshot == null) {
            answerWithoutRecords(out, q, result, Outcome.ANSWERED, Wire.RCODE_SERVFAIL);
            return;
        }
        Answer answer = select(snapshot, zone, q, result);
        if (!tcp && q.qtype == Wire.TYPE_ANY && answer.answerCount > 0 && answer.recordCount() > 1) {
            // RFC 8482 4.1: over UDP, ANY gets one record, so that it amplifies nothing.
            writer.writeOneRecord(out, q, answer);
        } else {
            result.truncated(writer.writeAnswer(out, q, answer, tcp));
        }
        result.set(Outcome.ANSWERED, answer.rcode);
    }

    /**
     * Answers a UDP query whose client is over its response rate (RRL "slip"): a response with TC set and no
     * records, so that a real client retries over TCP. A message the reader cannot take whole is dropped instead
     * (nothing written). Never throws, allocates nothing.
     */
    public void slip(ByteBuf query, ByteBuf out, QueryResult result) {
        result.reset();
        int start = out.writerIndex();
        try {
            if (QueryReader.read(query, result.query()) == QueryReader.OK) {
                writer.writeSlip(out, result.query());
                result.truncated(true);
                result.set(Outcome.ANSWERED, Wire.RCODE_NOERROR);
            }
        } catch (RuntimeException e) {
            result.failure(e);
            out.writerIndex(start);
            result.set(Outcome.DROPPED, Wire.RCODE_SERVFAIL);
        }
        result.responseLength(out.writerIndex() - start);
    }

    private void answerWithoutRecords(ByteBuf out, Query q, QueryResult result, Outcome outcome, int rcode) {
        writer.writeEmpty(out, q, rcode, false);
        result.set(outcome, rcode);
    }

    /** The zone of the question in this snapshot: a forward zone, or the reverse zone of a published address. */
    private static Zone zoneOf(Snapshot snapshot, Query q) {
        for (Zone zone : snapshot.forwardZones()) {
            if (endsWith(q, zone.apex, zone.labels)) {
                return zone;
            }
        }
        if (q.labelCount >= Zones.IPV4_REVERSE_LABELS && endsWith(q, IN_ADDR_ARPA, 2)) {
            return reverseZone(snapshot, q, Zones.IPV4_REVERSE_LABELS);
        }
        if (q.labelCount >= Zones.IPV6_REVERSE_LABELS && endsWith(q, IP6_ARPA, 2)) {
            return reverseZone(snapshot, q, Zones.IPV6_REVERSE_LABELS);
        }
        return null;
    }

    /** The zone whose apex is the last {@code labels} labels of the question, when the snapshot has one. */
    private static Zone reverseZone(Snapshot snapshot, Query q, int labels) {
        int start = q.labelStarts[q.labelCount - labels];
        int length = q.nameLength - start;
        NameNode apex = snapshot.find(q.name, start, length, Wire.hash(q.name, start, length));
        return apex == null ? null : apex.apexOf;
    }

    /** Before the first snapshot: is the name in a forward zone of the config (answered SERVFAIL, not forwarded)? */
    private boolean inConfiguredZone(Query q) {
        for (int z = 0; z < apexes.length; z++) {
            if (endsWith(q, apexes[z], apexLabels[z])) {
                return true;
            }
        }
        return false;
    }

    /** The apex, compared on label boundaries, ends the question name. */
    private static boolean endsWith(Query q, byte[] apex, int apexLabels) {
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
     * NXDOMAIN when the name does not exist in the zone (empty non-terminals exist, RFC 8020), NODATA when it has no
     * data of the type, else the next rotation of the precompiled answer; negative answers carry the zone's SOA.
     */
    private static Answer select(Snapshot snapshot, Zone zone, Query q, QueryResult result) {
        NameNode node = snapshot.find(q.key, q.keyLength, q.keyHash);
        if (node == null) {
            return zone.nxdomain;
        }
        Answer[] answers = node.answers(q.qtype);
        if (answers == null) {
            return zone.nodata;
        }
        return answers.length == 1 ? answers[0] : answers[result.nextRotation() % answers.length];
    }
}
