package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.Srv;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The answers RRsetCompiler writes without the general builder (rotations cut from one shared array, SRV glue owners
 * written as pointers to the first record naming the target) are byte for byte those the general builder writes,
 * in the cases where a glue owner could point elsewhere, and where the records outgrow a pointer's reach or a
 * message.
 */
class CompilerShortcutTest {

    private static final int[] TYPES = {Wire.TYPE_A, Wire.TYPE_AAAA, Wire.TYPE_SRV, Wire.TYPE_PTR, Wire.TYPE_SOA,
        Wire.TYPE_NS, Wire.TYPE_ANY};

    @Test
    void srvRotationsWithGlue() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 11; i++) {
            String target = "web-" + i + ".marathon.slave.mesos.";
            b.addSrv("_web._tcp.marathon.mesos.", new Srv(target, 31000 + i));
            b.addSrv("_web._udp.marathon.mesos.", new Srv(target, 31000 + i));
            b.addSrv("_web._tcp.marathon.slave.mesos.", new Srv(target, 31000 + i));
            b.addA(target, "10.0.1." + i);
            if (i % 3 == 0) {
                b.addAaaa(target, "fd00::" + i);
                b.addA(target, "10.0.2." + i);
            }
        }
        for (int i = 0; i < 3; i++) {
            b.addSrv("_small._tcp.marathon.mesos.", new Srv("web-" + (i * 3) + ".marathon.slave.mesos.", 80));
            b.addSrv("_one" + i + "._tcp.marathon.mesos.", new Srv("web-" + i + ".marathon.slave.mesos.", 80));
        }
        b.addSrv("_small._tcp.marathon.mesos.", new Srv("web-0.marathon.slave.mesos.", 81));
        // The same target twice (two ports), one spelled in capitals, one without addresses.
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("web-3.marathon.slave.mesos.", 32000));
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("WEB-4.marathon.slave.mesos.", 32001));
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("gone.marathon.slave.mesos.", 32002));
        assertSameAnswers(b.build(), Config.defaults());
    }

    @Test
    void targetThatIsASuffixOfAnotherTarget() {
        RecordSet.Builder b = RecordSet.builder();
        b.addSrv("_x._tcp.mesos.", new Srv("a.b.c.mesos.", 1));
        b.addSrv("_x._tcp.mesos.", new Srv("d.mesos.", 2));
        b.addSrv("_x._tcp.mesos.", new Srv("b.c.mesos.", 3));
        b.addSrv("_x._tcp.mesos.", new Srv("e.mesos.", 4));
        for (String name : List.of("a.b.c.mesos.", "b.c.mesos.", "d.mesos.", "e.mesos.")) {
            b.addA(name, "10.0.0." + name.length());
            b.addSrv("_many._tcp.mesos.", new Srv(name, 1));
            b.addSrv("_many._tcp.mesos.", new Srv(name, 2));
        }
        b.addSrv("_many._tcp.mesos.", new Srv("f.mesos.", 3));
        assertSameAnswers(b.build(), Config.defaults());
    }

    @Test
    void targetThatIsTheApexOrTheOwner() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("mesos.", "10.9.9.9");
        b.addA("a.mesos.", "10.9.9.1");
        b.addA("_x._tcp.a.mesos.", "10.9.9.2");
        for (String owner : List.of("_x._tcp.mesos.", "_x._tcp.a.mesos.")) {
            b.addSrv(owner, new Srv("a.mesos.", 1));
            b.addSrv(owner, new Srv("mesos.", 2));
            b.addSrv(owner, new Srv("_x._tcp.a.mesos.", 3));
            b.addSrv(owner, new Srv("x.example.com.", 4));
        }
        assertSameAnswers(b.build(), Config.builder().dcosZones(true).soaMname("a.mesos.").build());
    }

    @Test
    void srvInAnotherZoneThanItsTargets() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 5; i++) {
            b.addSrv("_app._tcp.marathon.mesos.thisdcos.directory.", new Srv("app-" + i + ".marathon.mesos.", 80));
            b.addSrv("_app._tcp.marathon.mesos.", new Srv("app-" + i + ".marathon.mesos.thisdcos.directory.", 80));
            b.addA("app-" + i + ".marathon.mesos.", "10.1.1." + i);
            b.addA("app-" + i + ".marathon.mesos.thisdcos.directory.", "10.1.1." + i);
        }
        b.addSrv("_app._tcp.marathon.mesos.thisdcos.directory.", new Srv("thisdcos.directory.", 80));
        assertSameAnswers(b.build(), Config.builder().dcosZones(true).build());
    }

    @Test
    void rotationsBeyondThePointerReachAndTheMessageSize() {
        RecordSet.Builder b = RecordSet.builder();
        String label = "t".repeat(60);
        for (int i = 0; i < 300; i++) {
            String target = label + "." + i + ".big.mesos.";
            b.addSrv("_big._tcp.mesos.", new Srv(target, i + 1));
            b.addA(target, "10.2." + (i / 250) + "." + (i % 250));
        }
        for (int i = 0; i < 4095; i++) {
            b.addA("wide.mesos.", "10.3." + (i / 250) + "." + (i % 250));
            b.addA("wider.mesos.", "10.4." + (i / 250) + "." + (i % 250));
        }
        b.addA("wider.mesos.", "10.5.0.1");
        assertSameAnswers(b.build(), Config.defaults());
    }

    private static void assertSameAnswers(RecordSet records, Config config) {
        Snapshot shared = ZoneCompiler.compile(records, config, 1, true);
        Snapshot whole = ZoneCompiler.compile(records, config, 1, false);
        Set<String> names = new LinkedHashSet<>();
        names.add("mesos.");
        names.add("thisdcos.directory.");
        for (Map<String, ? extends List<?>> m : List.of(records.a(), records.aaaa(), records.srv(), records.ptr())) {
            names.addAll(m.keySet());
        }
        int compared = 0;
        for (String name : names) {
            byte[] key = Names.lower(Names.toWire(name));
            int hash = Wire.hash(key, 0, key.length);
            NameNode a = shared.find(key, key.length, hash);
            NameNode b = whole.find(key, key.length, hash);
            assertThat(a == null).as(name).isEqualTo(b == null);
            if (a == null) {
                continue;
            }
            for (int type : TYPES) {
                Answer[] x = a.answers(type);
                Answer[] y = b.answers(type);
                assertThat(x == null).as(name + " type " + type).isEqualTo(y == null);
                if (x == null) {
                    continue;
                }
                assertThat(x).as(name + " type " + type + " rotations").hasSameSizeAs(y);
                for (int r = 0; r < x.length; r++) {
                    String what = name + " type " + type + " rotation " + r;
                    assertThat(asSent(x[r], key.length)).as(what).isEqualTo(asSent(y[r], key.length));
                    assertThat(x[r].recordEnds).as(what).isEqualTo(y[r].recordEnds);
                    assertThat(new int[] {x[r].rcode, x[r].answerCount, x[r].authorityCount, x[r].additionalCount})
                            .as(what).isEqualTo(new int[] {y[r].rcode, y[r].answerCount, y[r].authorityCount,
                                y[r].additionalCount});
                    assertThat(x[r].incomplete).as(what).isEqualTo(y[r].incomplete);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(names.size());
    }

    /** The tail as the writer sends it after a question name of {@code nameLength} bytes, pointers relocated. */
    private static byte[] asSent(Answer a, int nameLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a.head, a.headOffset, a.headLength);
        out.write(a.tail, 0, a.tail.length);
        byte[] bytes = out.toByteArray();
        int delta = nameLength - a.assumedNameLength;
        for (int p : a.relocations) {
            int pointer = (((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF)) + delta;
            bytes[p] = (byte) (pointer >>> 8);
            bytes[p + 1] = (byte) pointer;
        }
        return bytes;
    }
}
