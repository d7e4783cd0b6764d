package io.lodestar.dns;

import io.lodestar.config.Config;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Precompiles the answers for the RRsets of one owner: A and AAAA, SRV with the addresses of its targets as
 * additional data, and PTR; several rotations of RRsets with several records (PTR excepted: its order is its
 * priority). Used by {@link ZoneCompiler} on the refresh path only.
 */
final class RRsetCompiler {

    /** Rotations kept of an RRset with several records: enough to spread load, bounded in memory. */
    static final int MAX_ROTATIONS = 8;

    private final Config config;
    private final Map<String, OwnerRecords> owners;

    /** A compiler whose additional data comes from {@code owners} (keyed by {@link #key}). */
    RRsetCompiler(Config config, Map<String, OwnerRecords> owners) {
        this.config = config;
        this.owners = owners;
    }

    /** The map key of a lowercased wire name. */
    static String key(byte[] lowerWire) {
        return new String(lowerWire, StandardCharsets.ISO_8859_1);
    }

    /** Rotation {@code r} of {@code n} records starts at record {@code r * n / rotations}. */
    private static int rotations(int n) {
        return Math.min(n, MAX_ROTATIONS);
    }

    Answer[] addresses(OwnerRecords owner, Set<ByteBuffer> values, int type) {
        if (values.isEmpty()) {
            return null;
        }
        List<ByteBuffer> list = List.copyOf(values);
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = new AnswerBuilder(owner.name, owner.apex);
            int first = r * n / out.length;
            for (int i = 0; i < n; i++) {
                addressRecord(b, null, type, list.get((first + i) % n), AnswerBuilder.ANSWER);
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
        return out;
    }

    private void addressRecord(AnswerBuilder b, byte[] owner, int type, ByteBuffer address, int section) {
        if (b.begin(owner, type, config.ttl())) {
            b.bytes(address.array(), 0, address.capacity());
            b.end(section);
        }
    }

    /**
     * SRV answers (RFC 2782): priority 0, the configured weight, targets uncompressed as RFC 2782 requires (RFC 3597
     * 4), and in the additional section every A and AAAA of each distinct target we serve, owners pointing at it.
     */
    Answer[] srv(OwnerRecords owner) {
        if (owner.srv.isEmpty()) {
            return null;
        }
        List<OwnerRecords.Target> list = List.copyOf(owner.srv);
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = new AnswerBuilder(owner.name, owner.apex);
            Map<ByteBuffer, OwnerRecords.Target> targets = new LinkedHashMap<>();
            int first = r * n / out.length;
            for (int i = 0; i < n; i++) {
                OwnerRecords.Target t = list.get((first + i) % n);
                if (b.begin(null, Wire.TYPE_SRV, config.ttl())) {
                    b.u16(0);
                    b.u16(config.srvRecordDefaultWeight());
                    b.u16(t.port());
                    b.name(t.name().array(), false);
                    b.end(AnswerBuilder.ANSWER);
                    targets.putIfAbsent(t.key(), t);
                }
            }
            for (OwnerRecords.Target t : targets.values()) {
                glue(b, t.name().array(), t.key().array());
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
        return out;
    }

    /**
     * The PTR answer (RFC 1035 3.3.12), names compressed, in priority order and never rotated (the first name is
     * the canonical one). Names that would take the response past 512 bytes, with an OPT record, are left out, so
     * that no client ever gets a truncated PTR answer.
     */
    Answer[] ptr(OwnerRecords owner) {
        if (owner.ptr.isEmpty()) {
            return null;
        }
        int budget = Wire.MIN_UDP_LENGTH - Wire.HEADER_LENGTH - (owner.name.length + 4) - Wire.OPT_LENGTH;
        for (int n = owner.ptr.size(); n > 0; n--) {
            AnswerBuilder b = new AnswerBuilder(owner.name, owner.apex);
            for (int i = 0; i < n; i++) {
                b.begin(null, Wire.TYPE_PTR, config.ttl());
                b.name(owner.ptr.get(i), true);
                b.end(AnswerBuilder.ANSWER);
            }
            Answer answer = b.build(Wire.RCODE_NOERROR);
            if (answer.tail.length <= budget || n == 1) {
                return new Answer[] {answer};
            }
        }
        return null;
    }

    /** The A and AAAA records of a name we serve, as additional data after a record that names it. */
    void glue(AnswerBuilder b, byte[] name, byte[] lowerName) {
        OwnerRecords target = owners.get(key(lowerName));
        if (target == null) {
            return;
        }
        target.a.forEach(address -> addressRecord(b, name, Wire.TYPE_A, address, AnswerBuilder.ADDITIONAL));
        target.aaaa.forEach(address -> addressRecord(b, name, Wire.TYPE_AAAA, address, AnswerBuilder.ADDITIONAL));
    }
}
