package io.lodestar.dns;

import io.lodestar.config.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the {@link Zone} of each apex: the SOA and NS answers at the apex (SOA and NS in the answer section,
 * QUIRK 2; NS with the addresses of {@code SOAMname} when we serve it) and the negative answers that carry the SOA.
 * Reverse zones share their answers per apex length, since those answers point only at the question.
 */
final class ZoneApexes {

    private final Config config;
    private final long serial;
    private final byte[] mname;
    private final SrvTarget.Glue mnameGlue;
    private final byte[] rname;
    private final RRsetCompiler rrsets;
    /** False when SOAMname or SOARname could point into a reverse apex: then nothing is shared. */
    private final boolean shareReverse;
    private final Map<Integer, Zone> reverseByLength = new HashMap<>();

    /** Apexes for {@code config}, once every owner is in {@code owners} (NS glue comes from there). */
    ZoneApexes(Config config, long serial, RRsetCompiler rrsets, NameMap<OwnerRecords> owners) {
        this.config = config;
        this.serial = serial;
        this.mname = requireName(config.soaMname(), "SOAMname");
        byte[] lower = Names.lower(mname);
        int hash = NameMap.hash(lower, 0);
        this.mnameGlue = new SrvTarget.Glue(lower, hash, owners.get(lower, 0, hash));
        this.rname = requireName(config.soaRname(), "SOARname");
        this.rrsets = rrsets;
        String names = (config.soaMname() + " " + config.soaRname() + " ").toLowerCase(java.util.Locale.ROOT);
        this.shareReverse = !names.contains("arpa. ");
    }

    static byte[] requireName(String name, String what) {
        byte[] wire = Names.toWire(name);
        if (wire == null) {
            throw new IllegalArgumentException(what + " is not a valid DNS name: " + name);
        }
        return wire;
    }

    /** The zone of a forward apex (the Mesos domain, thisdcos.directory). */
    Zone forward(byte[] apex) {
        return build(apex);
    }

    /** The zone of a reverse name that is an apex of its own. */
    Zone reverse(byte[] apex) {
        if (!shareReverse) {
            return build(apex);
        }
        Zone shared = reverseByLength.computeIfAbsent(apex.length, length -> build(apex));
        return shared.apex == apex ? shared : shared.withApex(apex);
    }

    private Zone build(byte[] apex) {
        AnswerBuilder b = rrsets.builder();
        b.start(apex, apex);
        soaRecord(b, null, config.ttl());
        b.end(AnswerBuilder.ANSWER);
        Answer soa = b.build(Wire.RCODE_NOERROR);

        b.start(apex, apex);
        b.begin(null, Wire.TYPE_NS, config.ttl());
        b.name(mname, true);
        b.end(AnswerBuilder.ANSWER);
        rrsets.glue(b, mname, mnameGlue);
        Answer ns = b.build(Wire.RCODE_NOERROR);

        return new Zone(apex, negativeAnswer(apex), new Answer[] {soa}, new Answer[] {ns});
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
    private Answer negativeAnswer(byte[] apex) {
        AnswerBuilder b = rrsets.builder().start(apex, apex);
        soaRecord(b, apex, Math.min(config.ttl(), config.soaMinttl()));
        b.end(AnswerBuilder.AUTHORITY);
        return b.build(Wire.RCODE_NOERROR);
    }
}
