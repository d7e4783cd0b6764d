package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.OwnerRecords.Target;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Owner, type, class, TTL and RDLENGTH of a record whose owner is a pointer. */
    private static final int RECORD_FIELDS = 12;
    /** Priority, weight and port. */
    private static final int SRV_FIELDS = 6;
    private static final SrvTarget.Glue[] NO_GLUE = new SrvTarget.Glue[0];

    private final NameMap<OwnerRecords> owners;
    private final NameMap<SrvTarget.Glue> glues;
    private final boolean shortcuts;
    private final AnswerBuilder builder = new AnswerBuilder();
    /** Address answers by their addresses (A and AAAA lists are never equal: widths differ). */
    private final Map<AddressList, Answer[]> addressAnswers = new HashMap<>();
    /** SRV answers by zone apex (the same array for every owner of a zone), then by RRset. */
    private final Map<byte[], Map<List<Target>, Answer[]>> srvAnswers = new IdentityHashMap<>();
    /** Record ends of fixed-size records by count and size, shared by every address answer. */
    private final Map<Long, char[]> fixedEnds = new HashMap<>();
    private final List<Target> glueTargets = new ArrayList<>();
    /** Scratch: the end of each SRV record, the records twice over; each glue owner's offset and target. */
    private int[] recordEnds = new int[64];
    private int[] glueOffsets = new int[64];
    private SrvTarget.Glue[] glueNames = new SrvTarget.Glue[64];
    private int answerCount;

    /**
     * A compiler whose additional data comes from {@code owners}, with the SRV targets {@code glues}. Without
     * {@code shortcuts} every answer is written out by the general builder: a test compares the two.
     */
    RRsetCompiler(Config config, NameMap<OwnerRecords> owners, NameMap<SrvTarget.Glue> glues, boolean shortcuts) {
        this.config = config;
        this.shortcuts = shortcuts;
        this.owners = owners;
        this.glues = glues;
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
    Answer[] addresses(OwnerRecords owner, AddressList values, int type) {
        if (values == null || values.count() == 0) {
            return null;
        }
        Answer[] known = addressAnswers.get(values);
        if (known != null) {
            return known;
        }
        int n = values.count();
        Answer[] out = new Answer[rotations(n)];
        int recordLength = RECORD_FIELDS + values.width;
        if (shortcuts && out.length > 1 && n * recordLength <= AnswerBuilder.MAX_TAIL) {
            rotateAddresses(owner, values, type, out, recordLength);
        } else {
            for (int r = 0; r < out.length; r++) {
                AnswerBuilder b = builder.start(owner.name, owner.apex);
                int first = r * n / out.length;
                for (int i = 0; i < n; i++) {
                    addressRecord(b, null, type, values, (first + i) % n, AnswerBuilder.ANSWER);
                }
                out[r] = b.build(Wire.RCODE_NOERROR);
            }
        }
        addressAnswers.put(values, out);
        return out;
    }

    /**
     * The rotations of an address RRset that fits a message, as slices of one array holding the records in order
     * and then again up to the first record of the last rotation: the records only point at the question.
     */
    private void rotateAddresses(OwnerRecords owner, AddressList values, int type, Answer[] out, int recordLength) {
        int n = values.count();
        int lastFirst = (out.length - 1) * n / out.length;
        AnswerBuilder b = builder.start(owner.name, owner.apex);
        for (int k = 0; k < n + lastFirst; k++) {
            b.begin(null, type, config.ttl());
            b.bytes(values.bytes(), (k % n) * values.width, values.width);
            b.endShared();
        }
        byte[] head = b.bytes();
        char[] ends = ends(n, recordLength);
        for (int r = 0; r < out.length; r++) {
            int first = r * n / out.length;
            out[r] = new Answer(Wire.RCODE_NOERROR, head, first * recordLength, n * recordLength, Answer.NO_BYTES,
                    ends, n, 0, 0, owner.name.length, Answer.NO_OFFSETS, false);
        }
    }

    /** The record ends of {@code n} records of {@code recordLength} bytes, shared by every such answer. */
    private char[] ends(int n, int recordLength) {
        long key = (long) n << 32 | recordLength;
        char[] ends = fixedEnds.get(key);
        if (ends == null) {
            ends = new char[n];
            for (int i = 0; i < n; i++) {
                ends[i] = (char) ((i + 1) * recordLength);
            }
            fixedEnds.put(key, ends);
        }
        return ends;
    }

    private void addressRecord(AnswerBuilder b, byte[] owner, int type, AddressList values,
                               int i, int section) {
        if (b.begin(owner, type, config.ttl())) {
            b.bytes(values.bytes(), i * values.width, values.width);
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
        boolean shareable = shareable(owner.name, list);
        Map<List<Target>, Answer[]> shared = shareable
                ? srvAnswers.computeIfAbsent(owner.apex, apex -> new HashMap<>()) : null;
        Answer[] known = shared == null ? null : shared.get(list);
        if (known != null) {
            return known;
        }
        Answer[] out = new Answer[rotations(list.size())];
        measure(list);
        boolean pointers = shortcuts && shareable && glueAtFirstRecords(owner, list);
        if (shortcuts && list.size() >= MAX_ROTATIONS && recordEnds[list.size()] <= AnswerBuilder.MAX_TAIL) {
            rotateSrv(owner, list, out, pointers);
        } else if (pointers) {
            pointSrv(owner, list, out);
        } else {
            compileSrv(owner, list, out);
        }
        if (shared != null) {
            shared.put(list, out);
        }
        return out;
    }

    /** Every rotation written out with the general {@link AnswerBuilder}: names compressed as they come. */
    private void compileSrv(OwnerRecords owner, List<Target> list, Answer[] out) {
        int n = list.size();
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = builder.start(owner.name, owner.apex);
            writeSrv(b, list, r * n / out.length);
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
    }

    /** The records of the rotation from record {@code first}, then their glue, by the general builder. */
    private void writeSrv(AnswerBuilder b, List<Target> list, int first) {
        int n = list.size();
        int answer = ++answerCount;
        glueTargets.clear();
        for (int i = 0; i < n; i++) {
            Target t = list.get((first + i) % n);
            if (b.begin(null, Wire.TYPE_SRV, config.ttl())) {
                srvData(b, t);
                b.name(t.name().wire, false);
                b.end(AnswerBuilder.ANSWER);
                SrvTarget.Glue glue = t.name().glue;
                if (glue.listedIn != answer) {
                    glue.listedIn = answer;
                    glueTargets.add(t);
                }
            }
        }
        for (Target t : glueTargets) {
            glue(b, t.name().wire, t.name().glue);
        }
    }

    private void srvData(AnswerBuilder b, Target t) {
        b.u16(0);
        b.u16(config.srvRecordDefaultWeight());
        b.u16(t.port());
    }

    /** Leaves the end of each record of {@code list}, the records twice over, in {@link #recordEnds}. */
    private void measure(List<Target> list) {
        int n = list.size();
        int lastFirst = (rotations(n) - 1) * n / rotations(n);
        if (recordEnds.length < n + lastFirst + 1) {
            recordEnds = new int[2 * (n + lastFirst + 1)];
            glueOffsets = new int[recordEnds.length];
            glueNames = new SrvTarget.Glue[recordEnds.length];
        }
        for (int k = 0; k < n + lastFirst; k++) {
            recordEnds[k + 1] = recordEnds[k] + RECORD_FIELDS + SRV_FIELDS + list.get(k % n).name().wire.length;
        }
    }

    /**
     * True when, in every rotation of these {@link #measure measured} records, {@link #writeSrv(AnswerBuilder,
     * List, int)} would write each glue owner as a pointer to the first record naming the target: the records fit
     * below the reach of a pointer, and no target is the apex or a suffix of another (nor the question name: the
     * RRset is shareable).
     */
    private boolean glueAtFirstRecords(OwnerRecords owner, List<Target> list) {
        if (recordEnds[list.size()] > AnswerBuilder.MAX_POINTER_TARGET) {
            return false;
        }
        int mark = ++answerCount;
        for (Target t : list) {
            t.name().glue.listedIn = mark;
        }
        for (Target t : list) {
            SrvTarget.Glue glue = t.name().glue;
            if (Arrays.equals(glue.lowerName, owner.apex)) {
                return false;
            }
            for (SrvTarget.Glue suffix : suffixes(glue)) {
                if (suffix.listedIn == mark) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The rotations of a small SRV RRset (see {@link #glueAtFirstRecords}), each in an array of its own. */
    private void pointSrv(OwnerRecords owner, List<Target> list, Answer[] out) {
        int n = list.size();
        for (int r = 0; r < out.length; r++) {
            int first = r * n / out.length;
            AnswerBuilder b = builder.start(owner.name, owner.apex);
            for (int k = 0; k < n; k++) {
                Target t = list.get((first + k) % n);
                b.begin(null, Wire.TYPE_SRV, config.ttl());
                srvData(b, t);
                b.bytes(t.name().wire, 0, t.name().wire.length);
                b.end(AnswerBuilder.ANSWER);
            }
            glue(b, list, first, recordEnds[first]);
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
    }

    /**
     * The rotations of a large SRV RRset as slices of one array holding its records twice over (they fit a message),
     * each followed by its own glue: owners pointing at the first record naming the target when {@code pointers}
     * (see {@link #glueAtFirstRecords}), else written by the general builder after the records. Only for RRsets of
     * {@link #MAX_ROTATIONS} records or more: there 8 rotations of n records become about 2n, while a tail in two
     * parts costs the writer a second copy, which smaller answers, mostly sent whole, would pay on every query.
     */
    private void rotateSrv(OwnerRecords owner, List<Target> list, Answer[] out, boolean pointers) {
        int n = list.size();
        int lastFirst = (out.length - 1) * n / out.length;
        AnswerBuilder b = builder.start(owner.name, owner.apex);
        for (int k = 0; k < n + lastFirst; k++) {
            Target t = list.get(k % n);
            b.begin(null, Wire.TYPE_SRV, config.ttl());
            srvData(b, t);
            b.bytes(t.name().wire, 0, t.name().wire.length);
            b.endShared();
        }
        byte[] head = b.bytes();
        for (int r = 0; r < out.length; r++) {
            int first = r * n / out.length;
            int start = recordEnds[first];
            b = builder.start(owner.name, owner.apex);
            if (pointers) {
                b.shareHead(head, start, recordEnds[first + n] - start);
                for (int k = 1; k <= n; k++) {
                    b.sharedRecord(recordEnds[first + k] - start);
                }
                glue(b, list, first, start);
            } else {
                // The records, written whole, are that slice of the head: their names only matter to compression.
                writeSrv(b, list, first);
                b.sharedWritten(head, start, recordEnds[first + n] - start);
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
    }

    /**
     * The glue of the rotation of {@code list} from record {@code first}, whose records start at {@code start} in
     * {@link #recordEnds}: each distinct target in order, its owner a pointer to the first record naming it.
     */
    private void glue(AnswerBuilder b, List<Target> list, int first, int start) {
        int n = list.size();
        int answer = ++answerCount;
        int count = 0;
        for (int k = 0; k < n; k++) {
            SrvTarget.Glue glue = list.get((first + k) % n).name().glue;
            if (glue.listedIn != answer) {
                glue.listedIn = answer;
                glueOffsets[count] = recordEnds[first + k] - start + RECORD_FIELDS + SRV_FIELDS;
                glueNames[count++] = glue;
            }
        }
        for (int i = 0; i < count; i++) {
            glue(b, glueOffsets[i], glueNames[i]);
        }
    }

    /** The targets of this compile that are proper suffixes of {@code glue}'s name, found once per target. */
    private SrvTarget.Glue[] suffixes(SrvTarget.Glue glue) {
        if (glue.suffixes == null) {
            List<SrvTarget.Glue> found = null;
            byte[] name = glue.lowerName;
            for (int i = 0; name[i] != 0; i += (name[i] & 0xFF) + 1) {
                SrvTarget.Glue suffix = i == 0 ? null : glues.get(name, i);
                if (suffix != null) {
                    if (found == null) {
                        found = new ArrayList<>(2);
                    }
                    found.add(suffix);
                }
            }
            glue.suffixes = found == null ? NO_GLUE : found.toArray(NO_GLUE);
        }
        return glue.suffixes;
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
    void glue(AnswerBuilder b, byte[] name, SrvTarget.Glue glue) {
        OwnerRecords target = glue.owner;
        if (target == null) {
            return;
        }
        if (target.a != null) {
            for (int i = 0; i < target.a.count(); i++) {
                addressRecord(b, name, Wire.TYPE_A, target.a, i, AnswerBuilder.ADDITIONAL);
            }
        }
        if (target.aaaa != null) {
            for (int i = 0; i < target.aaaa.count(); i++) {
                addressRecord(b, name, Wire.TYPE_AAAA, target.aaaa, i, AnswerBuilder.ADDITIONAL);
            }
        }
    }

    /** {@link #glue(AnswerBuilder, byte[], SrvTarget.Glue)} for a name at {@code nameOffset}. */
    private void glue(AnswerBuilder b, int nameOffset, SrvTarget.Glue glue) {
        OwnerRecords target = glue.owner;
        if (target == null) {
            return;
        }
        if (target.a != null) {
            for (int i = 0; i < target.a.count(); i++) {
                addressRecord(b, nameOffset, Wire.TYPE_A, target.a, i);
            }
        }
        if (target.aaaa != null) {
            for (int i = 0; i < target.aaaa.count(); i++) {
                addressRecord(b, nameOffset, Wire.TYPE_AAAA, target.aaaa, i);
            }
        }
    }

    private void addressRecord(AnswerBuilder b, int nameOffset, int type, AddressList values, int i) {
        if (b.begin(nameOffset, type, config.ttl())) {
            b.bytes(values.bytes(), i * values.width, values.width);
            b.end(AnswerBuilder.ADDITIONAL);
        }
    }
}
