package io.lodestar.mesos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Mesos master {@code /master/state} document (spec 4.5) into a {@link MesosState}.
 *
 * <p>The whole document is streamed: each agent, framework and task is read and checked on its own as it arrives
 * ({@link StateEntryReader}), without a tree, so that a large state is never held twice and one malformed entry is
 * skipped and counted (with a reason) instead of failing the document (QUIRK 9). Only a document that is not a JSON
 * object, or that has no leader, fails as a whole. No hostname is resolved here.
 */
public final class StateParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            // Mesos states of large clusters run to tens of megabytes; single strings do not.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
            // Status timestamps: the same (correctly rounded) doubles as Double.parseDouble, in a third of the time.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private StateParser() {
    }

    /** The default cap on a document's size ({@code stateMaxBytes}): 256 MiB, far above the largest real cluster. */
    public static final int DEFAULT_MAX_BYTES = 256 << 20;

    /** Parses a whole document of at most {@link #DEFAULT_MAX_BYTES}. The stream is read to its end, not closed. */
    public static MesosState parse(InputStream in) throws StateException {
        return parse(in, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses a whole document, failing as soon as more than {@code maxBytes} have been read (the document is
     * parsed as it arrives, so a huge one never sits in memory whole). The stream is read to its end, not closed.
     */
    public static MesosState parse(InputStream in, long maxBytes) throws StateException {
        try (JsonParser p = JSON.createParser(new SizeLimitedInputStream(in, maxBytes))) {
            return parse(p);
        } catch (SizeLimitedInputStream.TooLarge e) {
            throw tooLarge(maxBytes);
        } catch (JsonProcessingException e) {
            throw new StateException("state is not valid JSON: " + e.getOriginalMessage() + where(e), e);
        } catch (IOException e) {
            throw new StateException("state could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses a document held in memory, of at most {@link #DEFAULT_MAX_BYTES}. */
    public static MesosState parse(byte[] json) throws StateException {
        return parse(json, DEFAULT_MAX_BYTES);
    }

    /** Parses a document held in memory, of at most {@code maxBytes}. */
    public static MesosState parse(byte[] json, long maxBytes) throws StateException {
        if (json.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return parse(new java.io.ByteArrayInputStream(json), maxBytes);
    }

    /** Where the parser stopped; a broken constraint (nesting too deep, a number too long) has no location. */
    static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription();
    }

    /** The failure of a document over the cap: the refresh keeps the last good records, as for any bad state. */
    public static StateException tooLarge(long maxBytes) {
        return new StateException("state is larger than stateMaxBytes (" + maxBytes + " bytes)");
    }

    private static MesosState parse(JsonParser p) throws IOException, StateException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new StateException("state is not a JSON object");
        }
        String leader = "";
        List<MesosState.Agent> agents = new ArrayList<>();
        List<MesosState.Framework> frameworks = new ArrayList<>();
        List<String> recovered = new ArrayList<>();
        SkipReport.Collector skips = new SkipReport.Collector();
        StateEntryReader entries = new StateEntryReader(p, skips);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "leader" -> leader = value == JsonToken.VALUE_STRING ? p.getText() : "";
                case "slaves" -> forEachElement(p, value, () -> add(agents, entries.agent()));
                case "frameworks" -> forEachElement(p, value, () -> add(frameworks, entries.framework()));
                case "recovered_slaves" -> forEachElement(p, value, () -> {
                    String id = entries.recoveredAgentId();
                    if (!id.isEmpty()) {
                        recovered.add(id);
                    }
                });
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new StateException("state is not valid JSON: unexpected " + p.currentToken());
        }
        if (p.nextToken() != null) {
            throw new StateException("state is not valid JSON: data after the end of the document");
        }
        if (leader.isEmpty()) {
            throw new StateException("state does not contain leader information");
        }
        return new MesosState(leader, agents, frameworks, recovered, skips.report());
    }

    private static <T> void add(List<T> list, T entry) {
        if (entry != null) {
            list.add(entry);
        }
    }

    private interface ElementReader {
        /** Reads the element the parser is on, leaving the parser on its last token. */
        void read() throws IOException;
    }

    /** Reads each element of an array in turn, streamed; a non-array value is skipped. */
    private static void forEachElement(JsonParser p, JsonToken value, ElementReader reader) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            reader.read();
        }
    }
}
