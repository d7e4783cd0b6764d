package io.lodestar.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON written the way Mesos-DNS writes it: Go's {@code json.MarshalIndent(v, "", " ")} (one space per level,
 * {@code "key": value}, {@code []} and {@code {}} when empty, no trailing newline), with Jackson's streaming
 * generator so that fields come out in exactly the order written.
 */
final class GoJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DefaultPrettyPrinter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
        PRETTY = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /** What writes one document to a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private GoJson() {
    }

    /** The UTF-8 bytes of the document {@code body} writes. */
    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(PRETTY.createInstance());
            body.write(json);
        } catch (IOException e) {
            // Writing to memory fails only on a bug in the body.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code values} as an array of strings, {@code null} when {@code nullWhenEmpty} and there are none. */
    static void stringArray(JsonGenerator json, List<String> values, boolean nullWhenEmpty) throws IOException {
        if (values.isEmpty() && nullWhenEmpty) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
