package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.mesos.SkipReport;
import org.junit.jupiter.api.Test;

/**
 * A name that does not fit the wire is never published and is counted at every add that meets it; a good owner
 * whose SRV target does not fit is not published either (not even without values). Only new owners are checked,
 * so these pin that skipping the check for known owners changes no count.
 */
class NameDoesNotFitTest {
    private static final String TOO_LONG = ("x".repeat(60) + ".").repeat(5) + "mesos.";
    private static final String REASON = "record: name does not fit DNS limits";

    @Test
    void everyAddOfANameThatDoesNotFitIsCountedAndNothingIsPublished() {
        RecordSet.Builder records = RecordSet.builder();
        SkipReport.Collector skips = new SkipReport.Collector();
        RecordEmitter out = new RecordEmitter(records, skips);

        assertThat(out.addIp(TOO_LONG, IpLiteral.parse("10.0.0.1"))).isFalse();
        assertThat(out.addIp(TOO_LONG, IpLiteral.parse("10.0.0.1"))).isFalse();
        assertThat(out.addSrv(TOO_LONG, "ok.mesos.", 80)).isFalse(); // one count: the target is not looked at
        assertThat(out.addSrv("_ok._tcp.mesos.", TOO_LONG, 80)).isFalse();
        assertThat(out.addSrv("_ok._tcp.mesos.", TOO_LONG, 81)).isFalse();
        assertThat(out.addPtr("1.0.0.10.in-addr.arpa.", TOO_LONG)).isFalse();
        assertThat(out.addIp("ok.mesos.", IpLiteral.parse("10.0.0.1"))).isTrue();
        assertThat(out.addIp("ok.mesos.", IpLiteral.parse("10.0.0.2"))).isTrue();
        assertThat(out.addSrv("_ok._tcp.mesos.", "ok.mesos.", 80)).isTrue();
        assertThat(out.addSrv("_ok._udp.mesos.", "ok.mesos.", 80)).isTrue();

        RecordSet built = records.build();
        assertThat(skips.report().counts()).containsExactly(java.util.Map.entry(REASON, 6));
        assertThat(built.a()).containsOnlyKeys("ok.mesos.");
        assertThat(built.srv()).containsOnlyKeys("_ok._tcp.mesos.", "_ok._udp.mesos.");
        assertThat(built.srv().get("_ok._tcp.mesos.")).containsExactly(new RecordSet.Srv("ok.mesos.", 80));
        assertThat(built.ptr()).isEmpty();
    }
}
