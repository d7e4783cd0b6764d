package io.lodestar.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Expected responses as dig-like text: a status line ({@code NOERROR qr aa rd ra}) and master-file records under
 * {@code ;ANSWER}, {@code ;AUTHORITY} and {@code ;ADDITIONAL}; compared order-independently with what dnsjava
 * decodes from our bytes (the OPT record excluded: EDNS tests check it).
 */
final class Sections {

    static final String[] NAMES = {"ANSWER", "AUTHORITY", "ADDITIONAL"};
    private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

    private Sections() {
    }

    /** Status line plus the records of each section, each section's lines sorted. */
    static String render(Message m) {
        StringBuilder sb = new StringBuilder(status(m));
        for (int i = 0; i < SECTIONS.length; i++) {
            List<String> lines = new ArrayList<>();
            for (Record r : m.getSection(SECTIONS[i])) {
                if (!(r instanceof OPTRecord)) {
                    lines.add(normalise(r));
                }
            }
            appendSection(sb, NAMES[i], lines);
        }
        return sb.toString();
    }

    /** The expected text in the same canonical form as {@link #render}. */
    static String canonical(String expected) {
        String[] lines = expected.strip().split("\n");
        StringBuilder sb = new StringBuilder(lines[0].strip().replaceAll("\\s+", " "));
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String name : NAMES) {
            sections.put(name, new ArrayList<>());
        }
        List<String> current = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(";")) {
                current = sections.get(line.substring(1).strip());
                if (current == null) {
                    throw new IllegalArgumentException("unknown section " + line);
                }
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("record before a section heading: " + line);
            }
            current.add(normalise(parse(line)));
        }
        sections.forEach((name, list) -> appendSection(sb, name, list));
        return sb.toString();
    }

    static String status(Message m) {
        StringBuilder sb = new StringBuilder(Rcode.string(m.getRcode()));
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
            if (m.getHeader().getFlag(flag)) {
                sb.append(' ').append(Flags.string(flag).toLowerCase());
            }
        }
        return sb.toString();
    }

    private static void appendSection(StringBuilder sb, String name, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        lines.sort(null);
        sb.append("\n;").append(name);
        lines.forEach(l -> sb.append('\n').append(l));
    }

    private static String normalise(Record r) {
        return r.toString().replaceAll("\\s+", " ");
    }

    static Record parse(String line) {
        try (Master master = new Master(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                Name.root, 60)) {
            return master.nextRecord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
