package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link RecordSet} into an immutable {@link Snapshot}: for every name in the zone (owners below
 * {@link Config#domainFqdn()}, their ancestors as empty non-terminals, and the apex with its SOA and NS) and every
 * type, the answer already in wire format, with up to {@value #MAX_ROTATIONS} rotations of multi-record RRsets.
 * Pure and thread-safe; runs on the refresh path, never on a query thread.
 */
public final class ZoneCompiler {

    /** Rotations kept of an RRset with several records: enough to spread load, bounded in memory. */
    static final int MAX_ROTATIONS = 8;

    private static final Logger log = LoggerFactory.getLogger(ZoneCompiler.class);

    /** The values found at one owner name, deduplicated, in record-set order. */
    private static final class Owner {
        final byte[] name;
        final Set<ByteBuffer> a = new LinkedHashSet<>();
        final Set<ByteBuffer> aaaa = new LinkedHashSet<>();
        final Set<Target> srv = new LinkedHashSet<>();

        Owner(byte[] name) {
            this.name = name;
        }
    }

    /** An SRV value: target as written (lowercase by RecordSet contract), its lowercased lookup key, port. */
    private record Target(ByteBuffer name, ByteBuffer key, int port) {
    }

    private final Config config;
    private final long serial;
    private final byte[] apex;
    private final byte[] mname;
    private final byte[] rname;
    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private int skipped;

    private ZoneCompiler(Config config, long serial) {
        this.config = config;
        this.serial = serial;
        this.apex = Names.lower(requireName(config.domainFqdn(), "domain"));
        this.mname = requireName(config.soaMname(), "SOAMname");
        this.rname = requireName(config.soaRname(), "SOARname");
    }

    /** Compiles {@code records} with the zone settings of {@code config} and the SOA serial {@code serial}. */
    public static Snapshot compile(RecordSet records, Config config, long serial) {
        return new ZoneCompiler(config, serial).build(records);
    }

    private static byte[] requireName(String name, String what) {
        byte[] wire = Names.toWire(name);
        if (wire == null) {
            throw new IllegalArgumentException(what + " is not a valid DNS name: " + name);
        }
        return wire;
    }

    private Snapshot build(RecordSet records) {
        records.a().forEach((name, values) -> collect(name, values, owner -> owner.a, IpLiterals::ipv4));
        records.aaaa().forEach((name, values) -> collect(name, values, owner -> owner.aaaa, IpLiterals::ipv6));
        records.srv().forEach(this::collectSrv);
        List<NameNode> nodes = new ArrayList<>(owners.size() * 2);
        Map<String, byte[]> emptyNames = new LinkedHashMap<>();
        for (Owner owner : owners.values()) {
            if (!Names.isAtOrBelow(owner.name, apex) || owner.name.length == apex.length) {
                continue;
            }
            for (byte[] up = Names.parent(owner.name); up.length > apex.length; up = Names.parent(up)) {
                String key = key(up);
                if (!owners.containsKey(key)) {
                    emptyNames.putIfAbsent(key, up);
                }
            }
        }
        for (Owner owner : owners.values()) {
            if (owner.name.length != apex.length) {
                nodes.add(node(owner));
            }
        }
        emptyNames.values().forEach(name -> nodes.add(new NameNode(name, null, null, null, null, null)));
        nodes.add(apexNode());
        if (skipped > 0) {
            log.warn("dns: {} records or names cannot be served and were left out of the zone", skipped);
        }
        return new Snapshot(new NameTable(nodes), negativeAnswer(), serial, records, skipped);
    }

    private void collect(String name, List<String> values, Function<Owner, Set<ByteBuffer>> set,
                         Function<String, byte[]> parser) {
        Owner owner = owner(name);
        if (owner == null) {
            return;
        }
        for (String value : values) {
            byte[] address = parser.apply(value);
            if (address == null) {
                skipped++;
            } else {
                set.apply(owner).add(ByteBuffer.wrap(address));
            }
        }
    }

    private void collectSrv(String name, List<RecordSet.Srv> values) {
        Owner owner = owner(name);
        if (owner == null) {
            return;
        }
        for (RecordSet.Srv value : values) {
            byte[] target = Names.toWire(value.target());
            if (target == null || value.port() < 0 || value.port() > 0xFFFF) {
                skipped++;
            } else {
                owner.srv.add(new Target(ByteBuffer.wrap(target), ByteBuffer.wrap(Names.lower(target)),
                        value.port()));
            }
        }
    }

    /** The owner for a record-set name in our zone; null (and ignored) when outside it or not encodable. */
    private Owner owner(String name) {
        byte[] wire = Names.toWire(name);
        if (wire == null) {
            skipped++;
            return null;
        }
        byte[] lower = Names.lower(wire);
        if (!Names.isAtOrBelow(lower, apex)) {
            return null;
        }
        return owners.computeIfAbsent(key(lower), k -> new Owner(lower));
    }

    private static String key(byte[] lowerWire) {
        return new String(lowerWire, StandardCharsets.ISO_8859_1);
    }

    private NameNode node(Owner owner) {
        return new NameNode(owner.name, addressAnswers(owner.name, owner.a, Wire.TYPE_A),
                addressAnswers(owner.name, owner.aaaa, Wire.TYPE_AAAA), srvAnswers(owner), null, null);
    }

    /** Rotation {@code r} of {@code n} records starts at record {@code r * n / rotations}. */
    private static int rotations(int n) {
        return Math.min(n, MAX_ROTATIONS);
    }

    private Answer[] addressAnswers(byte[] name, Set<ByteBuffer> values, int type) {
        if (values.isEmpty()) {
            return null;
        }
        List<ByteBuffer> list = List.copyOf(values);
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = new AnswerBuilder(name, apex);
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
     * 4), and in the additional section every A and AAAA of each distinct in-zone target, owners pointing at it.
     */
    private Answer[] srvAnswers(Owner owner) {
        if (owner.srv.isEmpty()) {
            return null;
        }
        List<Target> list = List.copyOf(owner.srv);
        int n = list.size();
        Answer[] out = new Answer[rotations(n)];
        for (int r = 0; r < out.length; r++) {
            AnswerBuilder b = new AnswerBuilder(owner.name, apex);
            Map<ByteBuffer, Target> targets = new LinkedHashMap<>();
            int first = r * n / out.length;
            for (int i = 0; i < n; i++) {
                Target t = list.get((first + i) % n);
                if (b.begin(null, Wire.TYPE_SRV, config.ttl())) {
                    b.u16(0);
                    b.u16(config.srvRecordDefaultWeight());
                    b.u16(t.port());
                    b.name(t.name().array(), false);
                    b.end(AnswerBuilder.ANSWER);
                    targets.putIfAbsent(t.key(), t);
                }
            }
            for (Target t : targets.values()) {
                glue(b, t.name().array(), t.key().array());
            }
            out[r] = b.build(Wire.RCODE_NOERROR);
        }
        return out;
    }

    /** The A and AAAA records of an in-zone name, as additional data after a record that names it. */
    private void glue(AnswerBuilder b, byte[] name, byte[] lowerName) {
        Owner target = owners.get(key(lowerName));
        if (target == null) {
            return;
        }
        target.a.forEach(address -> addressRecord(b, name, Wire.TYPE_A, address, AnswerBuilder.ADDITIONAL));
        target.aaaa.forEach(address -> addressRecord(b, name, Wire.TYPE_AAAA, address, AnswerBuilder.ADDITIONAL));
    }

    /** The apex: SOA and NS in the answer section (QUIRK 2), NS with glue for SOAMname when it is in the zone. */
    private NameNode apexNode() {
        AnswerBuilder soa = new AnswerBuilder(apex, apex);
        soaRecord(soa, null, config.ttl());
        soa.end(AnswerBuilder.ANSWER);

        AnswerBuilder ns = new AnswerBuilder(apex, apex);
        ns.begin(null, Wire.TYPE_NS, config.ttl());
        ns.name(mname, true);
        ns.end(AnswerBuilder.ANSWER);
        glue(ns, mname, Names.lower(mname));

        Owner atApex = owners.get(key(apex));
        Answer[] a = atApex == null ? null : addressAnswers(apex, atApex.a, Wire.TYPE_A);
        Answer[] aaaa = atApex == null ? null : addressAnswers(apex, atApex.aaaa, Wire.TYPE_AAAA);
        Answer[] srv = atApex == null ? null : srvAnswers(atApex);
        return new NameNode(apex, a, aaaa, srv, new Answer[] {soa.build(Wire.RCODE_NOERROR)},
                new Answer[] {ns.build(Wire.RCODE_NOERROR)});
    }

    /** SOA: MNAME, RNAME, serial, refresh, retry, expire, and MINIMUM = SOAMinttl (QUIRK 3). */
    private void soaRecord(AnswerBuilder b, byte[] owner, long ttl) {
        b.begin(owner, Wire.TYPE_SOA, ttl);
        b.name(mname, true);
        b.name(rname, true);
        b.u32(serial);
        b.u32(config.soaRefresh());
        b.u32(config.soaRetry());
        b.u32(config.soaExpire());
        b.u32(config.soaMinttl());
    }

    /** NXDOMAIN and NODATA: the apex SOA in the authority section, TTL min(SOA TTL, MINIMUM) (RFC 2308 3). */
    private Answer negativeAnswer() {
        AnswerBuilder b = new AnswerBuilder(apex, apex);
        soaRecord(b, apex, Math.min(config.ttl(), config.soaMinttl()));
        b.end(AnswerBuilder.AUTHORITY);
        return b.build(Wire.RCODE_NOERROR);
    }
}
