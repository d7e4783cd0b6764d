package io.lodestar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Compares master-file text order-independently: comments and blank lines dropped, white space folded. Shared
 * with the server tests through the core test-jar.
 */
public final class ZoneAssert {
    private ZoneAssert() {
    }

    /** The records of a master-file text, one normalised line each. */
    public static List<String> records(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf(';');
            String body = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!body.isEmpty()) {
                out.add(body.replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    public static List<String> records(Collection<String> lines) {
        return records(String.join("\n", lines));
    }

    /** Asserts that two zones hold the same records, whatever the order, and shows the difference when not. */
    public static void assertSameRecords(Collection<String> actual, String expected) {
        assertThat(records(actual)).containsExactlyInAnyOrderElementsOf(records(expected));
    }

    /** A classpath resource as text. */
    public static String resource(String path) {
        try (InputStream in = ZoneAssert.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] resourceBytes(String path) {
        return resource(path).getBytes(StandardCharsets.UTF_8);
    }
}
