package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.lodestar.records.Zones;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link RecordSet} into an immutable {@link Snapshot} covering every zone Lodestar serves
 * ({@link Zones}): the forward zones of the config (the Mesos domain, {@code thisdcos.directory.} when enabled),
 * each with its owners, their ancestors as empty non-terminals and the apex with its SOA and NS; and one reverse
 * zone per PTR owner. For every name and type, the answer is already in wire format. Pure and thread-safe; runs on
 * the refresh path, never on a query thread.
 */
public final class ZoneCompiler {

    /** Rotations kept of an RRset with several records: enough to spread load, bounded in memory. */
    static final int MAX_ROTATIONS = RRsetCompiler.MAX_ROTATIONS;

    private static final Logger log = LoggerFactory.getLogger(ZoneCompiler.class);

    private final long serial;
    private final List<byte[]> forwardApexes = new ArrayList<>();
    private final Map<String, OwnerRecords> owners = new LinkedHashMap<>();
    private final RRsetCompiler rrsets;
    private final ZoneApexes apexes;
    private int skipped;

    private ZoneCompiler(Config config, long serial) {
        this.serial = serial;
        for (String apex : Zones.forward(config)) {
            forwardApexes.add(Names.lower(ZoneApexes.requireName(apex, "zone")));
        }
        this.rrsets = new RRsetCompiler(config, owners);
        this.apexes = new ZoneApexes(config, serial, rrsets);
    }

    /** Compiles {@code records} with the zone settings of {@code config} and the SOA serial {@code serial}. */
    public static Snapshot compile(RecordSet records, Config config, long serial) {
        return new ZoneCompiler(config, serial).build(records);
    }

    private Snapshot build(RecordSet records) {
        records.ptr().forEach(this::collectPtr);
        records.a().forEach((name, values) -> collect(name, values, owner -> owner.a, IpLiterals::ipv4));
        records.aaaa().forEach((name, values) -> collect(name, values, owner -> owner.aaaa, IpLiterals::ipv6));
        records.srv().forEach(this::collectSrv);

        List<NameNode> nodes = new ArrayList<>(owners.size() * 2);
        Zone[] forward = new Zone[forwardApexes.size()];
        for (int i = 0; i < forward.length; i++) {
            byte[] apex = forwardApexes.get(i);
            forward[i] = apexes.forward(apex);
            OwnerRecords atApex = owners.get(RRsetCompiler.key(apex));
            nodes.add(atApex == null ? new NameNode(apex, null, null, null, null, forward[i])
                    : node(atApex, forward[i]));
        }
        for (OwnerRecords owner : owners.values()) {
            if (!owner.isApex()) {
                nodes.add(node(owner, null));
            } else if (!owner.ptr.isEmpty()) {
                nodes.add(node(owner, apexes.reverse(owner.name)));
            }
        }
        emptyNonTerminals().values().forEach(name -> nodes.add(NameNode.empty(name)));
        if (skipped > 0) {
            log.warn("dns: {} records or names cannot be served and were left out of the zone", skipped);
        }
        return new Snapshot(new NameTable(nodes), forward, serial, records, skipped);
    }

    /** Every ancestor of an owner, below its apex, that is not an owner itself (RFC 8020: such names exist). */
    private Map<String, byte[]> emptyNonTerminals() {
        Map<String, byte[]> empty = new LinkedHashMap<>();
        for (OwnerRecords owner : owners.values()) {
            if (owner.isApex()) {
                continue;
            }
            for (byte[] up = Names.parent(owner.name); up.length > owner.apex.length; up = Names.parent(up)) {
                String key = RRsetCompiler.key(up);
                if (!owners.containsKey(key)) {
                    empty.putIfAbsent(key, up);
                }
            }
        }
        return empty;
    }

    private NameNode node(OwnerRecords owner, Zone apexOf) {
        return new NameNode(owner.name, rrsets.addresses(owner, owner.a, Wire.TYPE_A),
                rrsets.addresses(owner, owner.aaaa, Wire.TYPE_AAAA), rrsets.srv(owner), rrsets.ptr(owner), apexOf);
    }

    /** PTR owners are reverse names, each the apex of its own zone; other names are not served. */
    private void collectPtr(String name, List<String> targets) {
        byte[] wire = Names.toWire(name);
        if (wire == null || !Zones.isReverseName(name.toLowerCase(java.util.Locale.ROOT))) {
            skipped++;
            return;
        }
        byte[] lower = Names.lower(wire);
        OwnerRecords owner = owners.computeIfAbsent(RRsetCompiler.key(lower), k -> new OwnerRecords(lower, lower));
        for (String target : targets) {
            byte[] t = Names.toWire(target);
            if (t == null) {
                skipped++;
            } else {
                owner.ptr.add(t);
            }
        }
    }

    private void collect(String name, List<String> values, Function<OwnerRecords, Set<ByteBuffer>> set,
                         Function<String, byte[]> parser) {
        OwnerRecords owner = owner(name);
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
        OwnerRecords owner = owner(name);
        if (owner == null) {
            return;
        }
        for (RecordSet.Srv value : values) {
            byte[] target = Names.toWire(value.target());
            if (target == null || value.port() < 0 || value.port() > 0xFFFF) {
                skipped++;
            } else {
                owner.srv.add(new OwnerRecords.Target(ByteBuffer.wrap(target), ByteBuffer.wrap(Names.lower(target)),
                        value.port()));
            }
        }
    }

    /** The owner for a record-set name in a forward zone; null (and ignored) when outside or not encodable. */
    private OwnerRecords owner(String name) {
        byte[] wire = Names.toWire(name);
        if (wire == null) {
            skipped++;
            return null;
        }
        byte[] lower = Names.lower(wire);
        for (byte[] apex : forwardApexes) {
            if (Names.isAtOrBelow(lower, apex)) {
                return owners.computeIfAbsent(RRsetCompiler.key(lower), k -> new OwnerRecords(lower, apex));
            }
        }
        return null;
    }
}
