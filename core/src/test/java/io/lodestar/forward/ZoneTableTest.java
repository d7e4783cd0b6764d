package io.lodestar.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneTableTest {

    private final ZoneTable<String> table = ZoneTable.of(
            Map.of("abc.com", "abc", "bc.com", "bc", "corp.example", "corp", "x.y.corp2.example.", "deep"),
            "default");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "abc.com., abc",
            "www.abc.com., abc",
            "a.b.c.abc.com., abc",
            "bc.com., bc",
            "www.bc.com., bc",
            // Label boundaries: xabc.com is below com, not below abc.com; it is below neither zone.
            "xabc.com., default",
            "xbc.com., default",
            "com., default",
            "corp.example., corp",
            "host.corp.example., corp",
            "example., default",
            "x.y.corp2.example., deep",
            "z.x.y.corp2.example., deep",
            "y.corp2.example., default",
            "., default",
    })
    void selectsTheLongestZoneOnLabelBoundaries(String name, String expected) {
        byte[] wire = ZoneTable.toLowerWire(name);
        assertThat(table.select(wire, wire.length)).isEqualTo(expected);
    }

    @Test
    void zonesAreMatchedWithoutCase() {
        ZoneTable<String> mixed = ZoneTable.of(Map.of("Corp.EXAMPLE", "corp"), "default");
        byte[] wire = ZoneTable.toLowerWire("WWW.corp.example.");
        assertThat(mixed.select(wire, wire.length)).isEqualTo("corp");
    }

    @Test
    void onlyTheFirstNameLengthBytesCount() {
        byte[] buffer = new byte[255];
        byte[] wire = ZoneTable.toLowerWire("www.abc.com");
        System.arraycopy(wire, 0, buffer, 0, wire.length);
        buffer[wire.length] = 7;
        assertThat(table.select(buffer, wire.length)).isEqualTo("abc");
    }

    @Test
    void noZonesMeansTheFallback() {
        ZoneTable<String> empty = ZoneTable.of(Map.of(), "all");
        byte[] wire = ZoneTable.toLowerWire("example.org");
        assertThat(empty.select(wire, wire.length)).isEqualTo("all");
        assertThat(empty.fallback()).isEqualTo("all");
    }

    @Test
    void rejectsNamesThatAreNotZones() {
        assertThatThrownBy(() -> ZoneTable.of(Map.of("a..b", 1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZoneTable.of(Map.of("x".repeat(64) + ".com", 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
