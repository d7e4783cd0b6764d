package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lodestar.mesos.SkipReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's enumeration entry reads as the records it added, whatever the tables keep underneath. */
class TaskEnumRecordsTest {

    @Test
    void aTaskListsItsAddressesAndSrvValuesInOrderOnlyWhenNew() {
        RecordSet.Builder records = RecordSet.builder();
        RecordEmitter out = new RecordEmitter(records, new SkipReport.Collector());
        out.addIp("app.marathon.mesos.", IpLiteral.parse("10.0.0.9")); // outside a task: in no entry

        out.startTask();
        out.addIp("app.marathon.mesos.", IpLiteral.parse("10.0.0.1"));
        out.addIp("app.marathon.mesos.", IpLiteral.parse("fd00::1"));
        out.addIp("app.marathon.mesos.", IpLiteral.parse("10.0.0.9")); // there already: not this task's
        out.addSrv("_app._tcp.marathon.mesos.", "app-x.marathon.mesos.", 31000);
        out.addSrv("_app._udp.marathon.mesos.", "app-x.marathon.mesos.", 31000);
        List<RecordSet.EnumRecord> first = out.endTask();
        out.startTask();
        List<RecordSet.EnumRecord> empty = out.endTask();

        assertThat(first).containsExactly(
                new RecordSet.EnumRecord("app.marathon.mesos.", "10.0.0.1", "A"),
                new RecordSet.EnumRecord("app.marathon.mesos.", "fd00::1", "AAAA"),
                new RecordSet.EnumRecord("_app._tcp.marathon.mesos.", "app-x.marathon.mesos.:31000", "SRV"),
                new RecordSet.EnumRecord("_app._udp.marathon.mesos.", "app-x.marathon.mesos.:31000", "SRV"));
        assertThat(empty).isEmpty();
        RecordSet.EnumTask task = new RecordSet.EnumTask("app", "app.1", first);
        assertThat(task.records()).isSameAs(first).isEqualTo(List.copyOf(first));
        assertThatThrownBy(() -> task.records().add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
