package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Name compression: owners point at the question, glue owners at the SRV targets, SOA and NS names at the apex;
 * SRV targets themselves are written whole (RFC 2782).
 */
class CompressionTest {

    private final DnsTester tester = DnsTester.standard();

    /** The size of the same message with every name written in full (RFC 1035 4.1 without 4.1.4). */
    private static int uncompressedSize(Message m) {
        int size = 12 + m.getQuestion().getName().length() + 4;
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : m.getSection(section)) {
                size += r.getName().length() + 10 + r.rdataToWireCanonical().length;
            }
        }
        return size;
    }

    @Test
    void srvAnswersWithGlueAreMuchSmallerThanUncompressed() {
        byte[] raw = tester.raw(Ask.query("_web._tcp.marathon.mesos. SRV"), false);

        int uncompressed = uncompressedSize(DnsTester.parse(raw));
        assertThat(raw.length).isLessThan(uncompressed * 2 / 3);
    }

    @Test
    void negativeAnswersPointAtTheApexInTheQuestion() {
        byte[] raw = tester.raw(Ask.query("missing.mesos. A"), false);

        int uncompressed = uncompressedSize(DnsTester.parse(raw));
        // Owner (2 bytes instead of 7), MNAME "ns1"+pointer (6 for 11), RNAME "root"+pointer (7 for 16).
        assertThat(raw.length).isEqualTo(uncompressed - 5 - 5 - 9);
    }

    @Test
    void apexNsAndItsGluePointAtEachOther() {
        byte[] raw = tester.raw(Ask.query("mesos. NS"), false);

        int uncompressed = uncompressedSize(DnsTester.parse(raw));
        // NS owner (2 for 7), target "ns1"+pointer (6 for 11), two glue owners (2 for 11 each).
        assertThat(raw.length).isEqualTo(uncompressed - 5 - 5 - 9 - 9);
    }

    @Test
    void srvTargetsAreWrittenInFull() {
        byte[] raw = tester.raw(Ask.query("_chronos._tcp.marathon.mesos. SRV"), false);
        Message m = DnsTester.parse(raw);

        int firstRdata = 12 + "_chronos._tcp.marathon.mesos.".length() + 1 + 4 + 2 + 10;
        int targetLength = ((SRVRecord) m.getSection(Section.ANSWER).get(0)).getTarget().length();
        int rdlength = ((raw[firstRdata - 2] & 0xFF) << 8) | (raw[firstRdata - 1] & 0xFF);
        assertThat(rdlength).isEqualTo(6 + targetLength);
    }
}
