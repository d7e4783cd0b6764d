package io.lodestar.records;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The records one task added, as its {@code /v1/enumerate} entry lists them, kept as (owner name, value) pairs that
 * point at the strings and SRV values the record tables hold: the published record set keeps every task's list,
 * the enumeration is read rarely, so an {@link RecordSet.EnumRecord} (and an SRV value's {@code target:port} text)
 * is made only when an element is read. Immutable.
 */
final class TaskEnumRecords extends AbstractList<RecordSet.EnumRecord> implements RandomAccess {
    /** Owner name, then value: an address as text (A when dotted, AAAA when it has a colon) or an SRV value. */
    private final Object[] pairs;

    TaskEnumRecords(Object[] pairs) {
        this.pairs = pairs;
    }

    @Override
    public RecordSet.EnumRecord get(int index) {
        String name = (String) pairs[index * 2];
        Object value = pairs[index * 2 + 1];
        if (value instanceof RecordSet.Srv srv) {
            return new RecordSet.EnumRecord(name, srv.toString(), "SRV");
        }
        String ip = (String) value;
        return new RecordSet.EnumRecord(name, ip, ip.indexOf(':') >= 0 ? "AAAA" : "A");
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }
}
