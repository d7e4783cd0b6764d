package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.OwnerRecords.Address;
import io.lodestar.dns.OwnerRecords.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Precompiles the answers for the RRsets of one owner: A and AAAA, SRV with the addresses of its targets as
 * additional data, and PTR; several rotations of RRsets with several records (PTR excepted: its order is its
 * priority). Used by {@link ZoneCompiler} on the refresh path only, with one {@link AnswerBuilder} for every answer.
 *
 * <p>Names that hold the same RRset share its compiled answers. An address RRset's answers never depend on the
 * name asked: the owner is a pointer to the question and there is no other name. An SRV RRset's answers depend on
 * the name only through its length, which the writer's relocation of pointers absorbs (see {@link Answer}), and on
 * the zone apex, unless a target is at or below the name; they are shared per apex. A cluster has many such names
 * (a task's short and canonical names, the {@code _tcp} and {@code _udp} twins, the same SRV values under the
 * framework and its {@code .slave} name).
 */
final class RRsetCompiler {

    /** Rotations kept of an RRset with several records: enough to spread load, bounded in memory. */
    static final int MAX_ROTATIONS = 8;

    private final Config config;
    private final NameMap<OwnerRecords> owners;
    private final AnswerBuilder builder = new AnswerBuilder();
    private final Map<List<Address>, Answer[]> aAnswers = new HashMap<>();
    private final Map<List<Address>, Answer[]> aaaaAnswers = new HashMap<>();
    /** SRV answers by zone apex (the same array for every owner of a zone), then by RRset. */
    private final Map<byte[], Map<List<Target>, Answer[]>> srvAnswers = new IdentityHashMap<>();
    private final List<Target> glueTargets = new ArrayList<>();
    private int answerCount;

    /** A compiler whose additional data comes from {@code owners}. */
    RRsetCompiler(Config config, NameMap<OwnerRecords> owners) {
        this.config = config;
        this.owners = owners;
    }

    /** The builder to start every answer of this compile with. */
    AnswerBuilder builder() {
        return builder;
    }

    /** Rotation {@code r} of {@code n} records starts at record {@code r * n / rotations}. */
    private static int rotations(int n) {
        return Math.min(n, MAX_ROTATIONS);
    }

    /** The rotations of an address RRset of {@code owner}; the same values share them whatever the name. */
    Answer[] addresses(OwnerRecords owner, OwnerRecords.Values<Address> values, int type) {
        if (values == null || values.list.isEmpty()) {
            return null;
        }
        Map<List<Address>, Answer[]> shared = type == Wire.TYPE_A ? aAnswers : aaaaAnswers;
        List<Address> list = values.list;
        Answer[] known = shared.get(list);
        if (known != null) {
            return known;
        }
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = builder.start(owner.name, owner.apex);
            int first = r * n / out.length;
            for (int i = 0; i < n; i++) {
                addressRecord(b, null, type, list.get((first + i) % n), AnswerBuilder.ANSWER);
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
        shared.put(list, out);
        return out;
    }

    private void addressRecord(AnswerBuilder b, AnswerBuilder.PreparedName owner, int type, Address address,
                               int section) {
        if (b.begin(owner, type, config.ttl())) {
            b.bytes(address.bytes(), 0, address.bytes().length);
            b.end(section);
        }
    }

    /**
     * SRV answers (RFC 2782): priority 0, the configured weight, targets uncompressed as RFC 2782 requires (RFC 3597
     * 4), and in the additional section every A and AAAA of each distinct target we serve, owners pointing at it.
     */
    Answer[] srv(OwnerRecords owner) {
        if (owner.srv == null || owner.srv.list.isEmpty()) {
            return null;
        }
        List<Target> list = owner.srv.list;
        Map<List<Target>, Answer[]> shared = shareable(owner.name, list)
                ? srvAnswers.computeIfAbsent(owner.apex, apex -> new HashMap<>()) : null;
        Answer[] known = shared == null ? null : shared.get(list);
        if (known != null) {
            return known;
        }
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = builder.start(owner.name, owner.apex);
            int answer = ++answerCount;
            glueTargets.clear();
            int first = r * n / out.length;
            for (int i = 0; i < n; i++) {
                Target t = list.get((first + i) % n);
                if (b.begin(null, Wire.TYPE_SRV, config.ttl())) {
                    b.u16(0);
                    b.u16(config.srvRecordDefaultWeight());
                    b.u16(t.port());
                    b.name(t.name().prepared, false);
                    b.end(AnswerBuilder.ANSWER);
                    SrvTarget.Glue glue = t.name().glue;
                    if (glue.listedIn != answer) {
                        glue.listedIn = answer;
                        glueTargets.add(t);
                    }
                }
            }
            for (Target t : glueTargets) {
                glue(b, t.name().prepared, t.name().glue);
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
        if (shared != null) {
            shared.put(list, out);
        }
        return out;
    }

    /**
     * True when answers compiled for {@code name} serve any other name of its zone with these targets once
     * relocated: only the question name and the apex are known to the compression table before the records, and
     * the name matters beyond its length only if a target ends with it.
     */
    private static boolean shareable(byte[] name, List<Target> targets) {
        for (Target t : targets) {
            if (Names.isAtOrBelow(t.name().glue.lowerName, name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The PTR answer (RFC 1035 3.3.12), names compressed, in priority order and never rotated (the first name is
     * the canonical one). Names that would take the response past 512 bytes, with an OPT record, are left out, so
     * that no client ever gets a truncated PTR answer.
     */
    Answer[] ptr(OwnerRecords owner) {
        if (owner.ptr == null || owner.ptr.isEmpty()) {
            return null;
        }
        int budget = Wire.MIN_UDP_LENGTH - Wire.HEADER_LENGTH - (owner.name.length + 4) - Wire.OPT_LENGTH;
        for (int n = owner.ptr.size(); n > 0; n--) {
            AnswerBuilder b = builder.start(owner.name, owner.apex);
            for (int i = 0; i < n; i++) {
                b.begin(null, Wire.TYPE_PTR, config.ttl());
                b.name(owner.ptr.get(i), true);
                b.end(AnswerBuilder.ANSWER);
            }
            if (b.size() <= budget || n == 1) {
                return new Answer[] {b.build(Wire.RCODE_NOERROR)};
            }
        }
        return null;
    }

    /** The A and AAAA records of a name we serve, as additional data after a record that names it. */
    void glue(AnswerBuilder b, AnswerBuilder.PreparedName name, SrvTarget.Glue glue) {
        OwnerRecords target = owner(glue);
        if (target == null) {
            return;
        }
        if (target.a != null) {
            for (Address address : target.a.list) {
                addressRecord(b, name, Wire.TYPE_A, address, AnswerBuilder.ADDITIONAL);
            }
        }
        if (target.aaaa != null) {
            for (Address address : target.aaaa.list) {
                addressRecord(b, name, Wire.TYPE_AAAA, address, AnswerBuilder.ADDITIONAL);
            }
        }
    }

    private OwnerRecords owner(SrvTarget.Glue glue) {
        if (!glue.resolved) {
            glue.owner = owners.get(glue.lowerName, 0);
            glue.resolved = true;
        }
        return glue.owner;
    }
}
