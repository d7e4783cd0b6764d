package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Publishing: only changed records make a new snapshot, and the SOA serial never goes backwards. */
class SnapshotHolderTest {

    private static final Config CONFIG = Config.defaults();

    private static RecordSet records(String... ipsOfChronos) {
        RecordSet.Builder b = RecordSet.builder();
        for (String ip : ipsOfChronos) {
            b.addA("chronos.marathon.mesos.", ip);
        }
        b.addA("leader.mesos.", "10.0.0.1");
        return b.build();
    }

    @Test
    void emptyBeforeTheFirstPublish() {
        SnapshotHolder holder = new SnapshotHolder();

        assertThat(holder.current()).isNull();
        assertThat(holder.records()).isNull();
        assertThat(holder.serial()).isZero();
    }

    @Test
    void theFirstPublishUsesTheClockAsSerial() {
        SnapshotHolder holder = new SnapshotHolder();
        RecordSet records = records("1.2.3.4");

        assertThat(holder.publish(records, CONFIG, 1_700_000_000L)).isTrue();
        assertThat(holder.serial()).isEqualTo(1_700_000_000L);
        assertThat(holder.records()).isSameAs(records);
        assertThat(holder.current().serial()).isEqualTo(1_700_000_000L);
    }

    @Test
    void theSameRecordsInAnotherOrderPublishNothing() {
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(records("1.2.3.4", "1.2.3.5"), CONFIG, 1_000);
        Snapshot first = holder.current();

        assertThat(holder.publish(records("1.2.3.5", "1.2.3.4"), CONFIG, 2_000)).isFalse();
        assertThat(holder.current()).isSameAs(first);
        assertThat(holder.serial()).isEqualTo(1_000);
    }

    @Test
    void changedRecordsMoveTheSerialForwardEvenWhenTheClockDoesNot() {
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(records("1.2.3.4"), CONFIG, 5_000);

        assertThat(holder.publish(records("1.2.3.5"), CONFIG, 9_000)).isTrue();
        assertThat(holder.serial()).as("the clock, when it is ahead").isEqualTo(9_000);
        assertThat(holder.publish(records("1.2.3.6"), CONFIG, 9_000)).isTrue();
        assertThat(holder.serial()).as("same second").isEqualTo(9_001);
        assertThat(holder.publish(records("1.2.3.7"), CONFIG, 100)).isTrue();
        assertThat(holder.serial()).as("clock went back").isEqualTo(9_002);
    }

    @Test
    void queriesSeeThePublishedRecordsAndSerial() {
        DnsTester tester = new DnsTester(CONFIG, null);
        tester.holder().publish(records("1.2.3.4"), CONFIG, 5_000);
        tester.holder().publish(records("5.6.7.8"), CONFIG, 6_000);

        ARecord a = (ARecord) tester.udp(Ask.query("chronos.marathon.mesos. A")).getSection(Section.ANSWER).get(0);
        SOARecord soa = (SOARecord) tester.udp(Ask.query("mesos. SOA")).getSection(Section.ANSWER).get(0);

        assertThat(a.getAddress().getHostAddress()).isEqualTo("5.6.7.8");
        assertThat(soa.getSerial()).isEqualTo(6_000);
    }
}
