package io.lodestar.records;

import io.lodestar.mesos.SkipReport;
import java.util.Arrays;
import java.util.List;

/**
 * Adds records to a {@link RecordSet.Builder} after checking that names fit the wire, remembers what each add
 * created (for enumeration) and counts what it had to leave out. A name that is an owner already was checked when
 * it became one, so only new owners (and new SRV targets) are checked.
 */
final class RecordEmitter {
    private final RecordSet.Builder records;
    private final SkipReport.Collector skips;
    /** The (owner name, value) pairs the current task added, see {@link TaskEnumRecords}; reused task after task. */
    private Object[] added;
    /** The length of {@link #added} in use; -1 outside a task. */
    private int addedLength = -1;
    /** The last SRV value: a task adds the same value under up to four names in a row. */
    private RecordSet.Srv lastSrv;
    /** The last SRV target that fits the wire. */
    private String lastTarget;

    RecordEmitter(RecordSet.Builder records, SkipReport.Collector skips) {
        this.records = records;
        this.skips = skips;
    }

    /** Starts collecting the records added from now on, for one task's enumeration entry. */
    void startTask() {
        if (added == null) {
            added = new Object[32];
        }
        addedLength = 0;
    }

    /** The records added since {@link #startTask()}, and stops collecting. */
    List<RecordSet.EnumRecord> endTask() {
        List<RecordSet.EnumRecord> out = addedLength == 0 ? List.of()
                : new TaskEnumRecords(Arrays.copyOf(added, addedLength));
        addedLength = -1;
        return out;
    }

    boolean addIp(String name, IpLiteral ip) {
        OwnerValues<String> table = records.addresses(ip.v6());
        int e = table.find(name);
        if (e < 0) {
            if (!checkName(name)) {
                return false;
            }
            e = table.insert(name, -1 - e);
        }
        if (!table.addValue(e, ip.text())) {
            return false;
        }
        remember(table.name(e), ip.text());
        return true;
    }

    boolean addSrv(String name, String target, int port) {
        OwnerValues<RecordSet.Srv> table = records.srvValues();
        int e = table.find(name);
        if ((e < 0 && !checkName(name)) || !checkTarget(target)) {
            return false;
        }
        if (e < 0) {
            e = table.insert(name, -1 - e);
        }
        if (lastSrv == null || lastSrv.port() != port || !lastSrv.target().equals(target)) {
            lastSrv = new RecordSet.Srv(target, port);
        }
        if (!table.addValue(e, lastSrv)) {
            return false;
        }
        remember(table.name(e), lastSrv);
        return true;
    }

    private void remember(String name, Object value) {
        if (addedLength < 0) {
            return; // not inside a task
        }
        if (addedLength + 2 > added.length) {
            added = Arrays.copyOf(added, added.length * 2);
        }
        added[addedLength++] = name;
        added[addedLength++] = value;
    }

    /** Adds a PTR record (not part of enumeration); false when it was there already or does not fit the wire. */
    boolean addPtr(String reverseName, String target) {
        OwnerValues<String> table = records.ptrValues();
        int e = table.find(reverseName);
        if ((e < 0 && !checkName(reverseName)) || !checkName(target)) {
            return false;
        }
        if (e < 0) {
            e = table.insert(reverseName, -1 - e);
        }
        return table.addValue(e, target);
    }

    /** The records added so far, for rules that derive records from records (the DC/OS mirror). */
    RecordSet.Builder records() {
        return records;
    }

    void skip(String reason, String example) {
        skips.skip(reason, example);
    }

    /** An SRV target: the canonical name of the task, the same for its ports and protocols, is checked once. */
    private boolean checkTarget(String target) {
        if (target == lastTarget) {
            return true;
        }
        boolean fits = checkName(target);
        if (fits) {
            lastTarget = target;
        }
        return fits;
    }

    private boolean checkName(String name) {
        if (DnsNames.fitsWire(name)) {
            return true;
        }
        skips.skip("record: name does not fit DNS limits", name);
        return false;
    }
}
