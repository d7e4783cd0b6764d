package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refresh publishes nothing when the records are the same, whatever their order; any change publishes. */
class SameRecordsTest {

    @Test
    void valuesAtANameInAnotherOrderAreTheSameRecords() {
        RecordSet a = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("x.mesos.", "1.1.1.2")
                .addAaaa("x.mesos.", "fd00::1").addAaaa("x.mesos.", "fd00::2")
                .addSrv("_x._tcp.mesos.", "x.mesos.", 80).addSrv("_x._tcp.mesos.", "x.mesos.", 81).build();
        RecordSet b = RecordSet.builder().addSrv("_x._tcp.mesos.", "x.mesos.", 81).addA("x.mesos.", "1.1.1.2")
                .addAaaa("x.mesos.", "fd00::2").addAaaa("x.mesos.", "fd00::1")
                .addSrv("_x._tcp.mesos.", "x.mesos.", 80).addA("x.mesos.", "1.1.1.1").build();

        assertThat(a.sameRecords(b)).isTrue();
        assertThat(b.sameRecords(a)).isTrue();
    }

    @Test
    void aChangedValueAnExtraValueOrAnExtraNameIsAChange() {
        RecordSet base = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.2").build();
        RecordSet changed = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.3").build();
        RecordSet extraValue = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.2")
                .addA("y.mesos.", "1.1.1.3").build();
        RecordSet extraName = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.2")
                .addAaaa("y.mesos.", "fd00::1").build();
        RecordSet movedValue = RecordSet.builder().addA("x.mesos.", "1.1.1.2").addA("y.mesos.", "1.1.1.1").build();
        RecordSet otherPort = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.2")
                .addSrv("_x._tcp.mesos.", "x.mesos.", 80).build();
        RecordSet withPort = RecordSet.builder().addA("x.mesos.", "1.1.1.1").addA("y.mesos.", "1.1.1.2")
                .addSrv("_x._tcp.mesos.", "x.mesos.", 81).build();

        assertThat(base.sameRecords(changed)).isFalse();
        assertThat(base.sameRecords(extraValue)).isFalse();
        assertThat(extraValue.sameRecords(base)).isFalse();
        assertThat(base.sameRecords(extraName)).isFalse();
        assertThat(base.sameRecords(movedValue)).isFalse();
        assertThat(otherPort.sameRecords(withPort)).isFalse();
    }

    /** PTR targets are answered in order (most important name first), so another order is a change. */
    @Test
    void ptrTargetsInAnotherOrderAreAChange() {
        RecordSet a = RecordSet.builder().addPtr("1.1.1.10.in-addr.arpa.", "leader.mesos.")
                .addPtr("1.1.1.10.in-addr.arpa.", "master0.mesos.").build();
        RecordSet b = RecordSet.builder().addPtr("1.1.1.10.in-addr.arpa.", "master0.mesos.")
                .addPtr("1.1.1.10.in-addr.arpa.", "leader.mesos.").build();
        RecordSet c = RecordSet.builder().addPtr("1.1.1.10.in-addr.arpa.", "leader.mesos.")
                .addPtr("1.1.1.10.in-addr.arpa.", "master0.mesos.").build();

        assertThat(a.sameRecords(b)).isFalse();
        assertThat(a.sameRecords(c)).isTrue();
    }
}
