package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lodestar.config.Config;
import io.lodestar.dns.ZoneCompiler;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.testing.FuzzBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator API event stream is outside input: whatever bytes a master streams, RecordIO decoding, event
 * parsing, folding into the {@link ClusterView} and building records from it fail only with the decoder's
 * {@link RecordIoDecoder.FramingException} (the stream is dropped) or an event's {@link StateException} (the event is
 * skipped), never another exception; no hang; allocation bounded by the bytes that arrived, whatever lengths the
 * stream announces; and decoding is the same whether the bytes come at once or in pieces. Seeds: the operator API
 * events of the live-state tests, framed as a master frames them; findings are kept next to them.
 */
class RecordIoStreamFuzzTest {
    private static final Config CONFIG = Config.builder().masters(List.of("10.0.0.12:5050")).build();
    private static final int MAX_RECORD = 1 << 20;
    private static final int[] PIECES = {1, 3, 7, 64, 5, 1024, 2};
    private static final long FIXED_BYTES = 512 * 1024;
    private static final long BYTES_PER_INPUT_BYTE = 1024;

    @FuzzTest
    void eventStream(byte[] input) {
        FuzzBounds.check(input.length + " bytes of event stream", FIXED_BYTES + BYTES_PER_INPUT_BYTE * input.length,
                () -> follow(input));
    }

    private static void follow(byte[] input) {
        Decoded whole = decode(input, new int[] {Math.max(1, input.length)});
        Decoded pieces = decode(input, PIECES);
        assertThat(pieces.records).as("records decoded from pieces").hasSameSizeAs(whole.records);
        for (int i = 0; i < whole.records.size(); i++) {
            assertThat(pieces.records.get(i)).isEqualTo(whole.records.get(i));
        }
        assertThat(pieces.failure).as("framing failure").isEqualTo(whole.failure);
        long decoded = whole.records.stream().mapToLong(r -> r.length).sum();
        assertThat(decoded).as("record bytes never exceed the stream").isLessThanOrEqualTo(input.length);

        ClusterView view = new ClusterView();
        for (byte[] record : whole.records) {
            try {
                view.apply(OperatorEventParser.parse(record));
            } catch (StateException skipped) {
                // One unusable event is skipped, as the stream source does.
            }
        }
        MesosState state = view.snapshot();
        assertThat(ZoneCompiler.compile(new RecordBuilder(CONFIG).build(state, BuildContext.of(CONFIG.masters())),
                CONFIG, 1_700_000_000L)).isNotNull();
    }

    private record Decoded(List<byte[]> records, String failure) {
    }

    private static Decoded decode(byte[] input, int[] pieces) {
        RecordIoDecoder decoder = new RecordIoDecoder(MAX_RECORD);
        List<byte[]> records = new ArrayList<>();
        int offset = 0;
        try {
            for (int i = 0; offset < input.length; i++) {
                int n = Math.min(pieces[i % pieces.length], input.length - offset);
                decoder.feed(input, offset, n, records::add);
                offset += n;
            }
        } catch (RecordIoDecoder.FramingException e) {
            return new Decoded(records, e.getMessage());
        }
        return new Decoded(records, decoder.midRecord() ? "cut short" : null);
    }
}
