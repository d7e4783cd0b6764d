package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.records.RecordSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/** Multi-record RRsets rotate round robin between queries from precompiled rotations; shared data never moves. */
class RotationTest {

    private final DnsTester tester = DnsTester.standard();

    private static List<String> answerData(Message m) {
        List<String> data = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            data.add(r.rdataToString());
        }
        return data;
    }

    @Test
    void successiveAnswersComeInDifferentOrdersAndEachHasEveryRecord() {
        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(answerData(tester.udp(Ask.query("master.mesos. A"))));
        }

        for (List<String> order : orders) {
            assertThat(order).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2", "10.0.0.3");
        }
        assertThat(new HashSet<>(orders)).as("three distinct orders").hasSize(3);
        Set<String> firsts = new HashSet<>();
        orders.forEach(o -> firsts.add(o.get(0)));
        assertThat(firsts).as("every record leads once").hasSize(3);
    }

    @Test
    void truncatedAnswersOfABigRrsetCoverEveryRecordAcrossQueries() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 100; i++) {
            b.addA("big.mesos.", "10.2.0." + i);
        }
        DnsTester t = new DnsTester(Fixtures.config(), b.build());

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ZoneCompiler.MAX_ROTATIONS; i++) {
            seen.addAll(answerData(t.udp(Ask.query("big.mesos. A"))));
        }

        assertThat(seen).hasSize(100);
    }

    @Test
    void everySrvRotationCarriesTheAdditionalRecordsOfItsTargets() {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Message m = tester.udp(Ask.query("_web._tcp.marathon.mesos. SRV"));
            orders.add(answerData(m));
            Set<String> targets = new HashSet<>();
            for (Record r : m.getSection(Section.ANSWER)) {
                targets.add(((SRVRecord) r).getTarget().toString());
            }
            Set<String> glueOwners = new HashSet<>();
            for (Record r : m.getSection(Section.ADDITIONAL)) {
                glueOwners.add(r.getName().toString());
            }
            assertThat(glueOwners).isEqualTo(targets);
            assertThat(m.getSection(Section.ADDITIONAL)).hasSize(3);
        }

        assertThat(orders).hasSize(3);
    }

    @Test
    void singleRecordAnswersNeverMove() {
        Set<List<String>> answers = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            answers.add(answerData(tester.udp(Ask.query("chronos.marathon.mesos. A"))));
        }

        assertThat(answers).containsExactly(List.of("1.2.3.11"));
    }
}
