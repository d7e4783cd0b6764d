package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.OwnerRecords.Target;
import io.lodestar.records.RecordSet;
import io.lodestar.records.Zones;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link RecordSet} into an immutable {@link Snapshot} covering every zone Lodestar serves
 * ({@link Zones}): the forward zones of the config (the Mesos domain, {@code thisdcos.directory.} when enabled),
 * each with its owners, their ancestors as empty non-terminals and the apex with its SOA and NS; and one reverse
 * zone per PTR owner. For every name and type, the answer is already in wire format. Pure and thread-safe; runs on
 * the refresh path, never on a query thread.
 *
 * <p>Building allocates little besides the answers: names are kept and compared as bytes in place ({@link NameMap}),
 * names that hold the same RRset share its answers ({@link RRsetCompiler}), and one {@link AnswerBuilder} is reused
 * for every answer.
 */
public final class ZoneCompiler {

    /** Rotations kept of an RRset with several records: enough to spread load, bounded in memory. */
    static final int MAX_ROTATIONS = RRsetCompiler.MAX_ROTATIONS;

    private static final Logger log = LoggerFactory.getLogger(ZoneCompiler.class);

    private final long serial;
    private final List<byte[]> forwardApexes = new ArrayList<>();
    private final NameMap<OwnerRecords> owners = new NameMap<>();
    /** The owners in the order they were found. */
    private final List<OwnerRecords> ownerList = new ArrayList<>();
    private final NameMap<SrvTarget.Glue> glues = new NameMap<>();
    private final Config config;
    private final RRsetCompiler rrsets;
    /** Scratch for one parsed IPv4 address. */
    private final byte[] ipv4 = new byte[4];
    private int skipped;

    private ZoneCompiler(Config config, long serial, boolean shortcuts) {
        this.serial = serial;
        for (String apex : Zones.forward(config)) {
            forwardApexes.add(Names.lower(ZoneApexes.requireName(apex, "zone")));
        }
        this.rrsets = new RRsetCompiler(config, owners, glues, shortcuts);
        this.config = config;
    }

    /** Compiles {@code records} with the zone settings of {@code config} and the SOA serial {@code serial}. */
    public static Snapshot compile(RecordSet records, Config config, long serial) {
        return compile(records, config, serial, true);
    }

    /** {@link #compile}, every answer written out by the general builder unless {@code shortcuts} (for a test). */
    static Snapshot compile(RecordSet records, Config config, long serial, boolean shortcuts) {
        return new ZoneCompiler(config, serial, shortcuts).build(records);
    }

    private Snapshot build(RecordSet records) {
        records.ptr().forEach(this::collectPtr);
        records.a().forEach(this::collectA);
        records.aaaa().forEach(this::collectAaaa);
        collectSrv(records.srv());
        ZoneApexes apexes = new ZoneApexes(config, serial, rrsets, owners);

        List<byte[]> empty = emptyNonTerminals();
        List<NameNode> nodes = new ArrayList<>(ownerList.size() + empty.size() + forwardApexes.size());
        Zone[] forward = new Zone[forwardApexes.size()];
        for (int i = 0; i < forward.length; i++) {
            byte[] apex = forwardApexes.get(i);
            forward[i] = apexes.forward(apex);
            OwnerRecords atApex = owners.get(apex, 0);
            nodes.add(atApex == null ? new NameNode(apex, null, null, null, null, forward[i])
                    : node(atApex, forward[i]));
        }
        for (OwnerRecords owner : ownerList) {
            if (!owner.isApex()) {
                nodes.add(node(owner, null));
            } else if (owner.ptr != null) {
                nodes.add(node(owner, apexes.reverse(owner.name)));
            }
        }
        empty.forEach(name -> nodes.add(NameNode.empty(name)));
        if (skipped > 0) {
            log.warn("dns: {} records or names cannot be served and were left out of the zone", skipped);
        }
        return new Snapshot(new NameTable(nodes), forward, serial, records, skipped);
    }

    /**
     * Every ancestor of an owner, below its apex, that is not an owner itself (RFC 8020: such names exist). The walk
     * up from an owner stops at the first ancestor already known: an owner below the same apex, or a name already
     * found empty, has its own ancestors taken care of.
     */
    private List<byte[]> emptyNonTerminals() {
        NameMap<byte[]> found = new NameMap<>();
        List<byte[]> empty = new ArrayList<>();
        byte[] lastParent = null;
        int lastUp = 0;
        for (OwnerRecords owner : ownerList) {
            if (owner.isApex()) {
                continue;
            }
            byte[] name = owner.name;
            int parent = (name[0] & 0xFF) + 1;
            if (lastParent != null && Arrays.equals(name, parent, name.length, lastParent, lastUp, lastParent.length)) {
                continue; // the same parent as the owner before: taken care of
            }
            if (name.length - parent > owner.apex.length) {
                lastParent = name;
                lastUp = parent;
            }
            for (int up = parent; name.length - up > owner.apex.length; up += (name[up] & 0xFF) + 1) {
                int hash = NameMap.hash(name, up);
                OwnerRecords known = owners.get(name, up, hash);
                if (known != null && !known.isApex() || found.get(name, up, hash) != null) {
                    break;
                }
                if (known == null) {
                    byte[] ancestor = Arrays.copyOfRange(name, up, name.length);
                    found.put(ancestor, hash, ancestor);
                    empty.add(ancestor);
                }
            }
        }
        return empty;
    }

    private NameNode node(OwnerRecords owner, Zone apexOf) {
        return new NameNode(owner.name, owner.hash, rrsets.addresses(owner, owner.a, Wire.TYPE_A),
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
        int hash = NameMap.hash(lower, 0);
        OwnerRecords owner = owners.get(lower, 0, hash);
        if (owner == null) {
            owner = add(lower, hash, lower);
        }
        for (String target : targets) {
            byte[] t = Names.toWire(target);
            if (t == null) {
                skipped++;
            } else {
                if (owner.ptr == null) {
                    owner.ptr = new ArrayList<>(targets.size());
                }
                owner.ptr.add(t);
            }
        }
    }

    private void collectA(String name, List<String> values) {
        OwnerRecords owner = owner(name);
        if (owner == null) {
            return;
        }
        for (String value : values) {
            if (IpLiterals.ipv4(value, ipv4)) {
                owner.a().add(ipv4);
            } else {
                skipped++;
            }
        }
    }

    private void collectAaaa(String name, List<String> values) {
        OwnerRecords owner = owner(name);
        if (owner == null) {
            return;
        }
        for (String value : values) {
            byte[] address = IpLiterals.ipv6(value);
            if (address == null) {
                skipped++;
            } else {
                owner.aaaa().add(address);
            }
        }
    }

    /** The SRV values, their targets encoded once per text (the map of texts is dropped after). */
    private void collectSrv(Map<String, List<RecordSet.Srv>> srv) {
        Map<String, SrvTarget> targets = new HashMap<>(srv.size() * 4);
        srv.forEach((name, values) -> collectSrv(name, values, targets));
    }

    private void collectSrv(String name, List<RecordSet.Srv> values, Map<String, SrvTarget> targets) {
        OwnerRecords owner = owner(name);
        if (owner == null) {
            return;
        }
        for (RecordSet.Srv value : values) {
            SrvTarget target = target(value.target(), targets);
            if (target == null || value.port() < 0 || value.port() > 0xFFFF) {
                skipped++;
            } else {
                owner.srv().add(new Target(target, value.port()));
            }
        }
    }

    /** The encoded target, shared by every SRV value naming it; null (in the map too) when it is not a name. */
    private SrvTarget target(String text, Map<String, SrvTarget> targets) {
        SrvTarget known = targets.get(text);
        if (known != null || targets.containsKey(text)) {
            return known;
        }
        byte[] wire = Names.toWire(text);
        SrvTarget made = null;
        if (wire != null) {
            byte[] lower = Names.lowerShared(wire);
            int hash = NameMap.hash(lower, 0);
            SrvTarget.Glue glue = glues.get(lower, 0, hash);
            if (glue == null) {
                // Addresses are collected: an owner found later holds none, so the glue is known now.
                glue = new SrvTarget.Glue(lower, hash, owners.get(lower, 0, hash));
                glues.put(lower, hash, glue);
            }
            made = new SrvTarget(wire, glue);
        }
        targets.put(text, made);
        return made;
    }

    /** The owner for a record-set name in a forward zone; null (and ignored) when outside or not encodable. */
    private OwnerRecords owner(String name) {
        byte[] lower = Names.toLowerWire(name);
        if (lower == null) {
            skipped++;
            return null;
        }
        for (byte[] apex : forwardApexes) {
            if (Names.isAtOrBelow(lower, apex)) {
                int hash = NameMap.hash(lower, 0);
                OwnerRecords owner = owners.get(lower, 0, hash);
                return owner != null ? owner : add(lower, hash, apex);
            }
        }
        return null;
    }

    private OwnerRecords add(byte[] name, int hash, byte[] apex) {
        OwnerRecords owner = new OwnerRecords(name, hash, apex);
        owners.put(name, hash, owner);
        ownerList.add(owner);
        return owner;
    }
}
