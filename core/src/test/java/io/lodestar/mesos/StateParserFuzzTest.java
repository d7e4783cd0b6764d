package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lodestar.config.Config;
import io.lodestar.dns.ZoneCompiler;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import io.lodestar.testing.FuzzBounds;
import java.util.List;

/**
 * A master's state document is outside input: whatever bytes arrive, the refresh path (parse, build records,
 * compile the zone) either yields a snapshot or fails with a {@link StateException}, never with another
 * exception, never hangs, and allocates at most a bounded multiple of the input (about 200 bytes per input byte
 * were measured on the fixtures; the bound is five times that). Seeds: the golden state fixtures and the demo
 * state; findings are kept next to them. Fuzzing mode: docs/reliability.md.
 */
class StateParserFuzzTest {
    /** Every feature on, so that every naming rule sees the input. */
    private static final Config CONFIG = Config.builder().listener("10.0.0.53").masters(List.of("10.0.0.11:5050"))
            .reverseLookups(true).dcosZones(true).dcosVips(true).preferredNetworks(List.of("dcos"))
            .preferredCidrs(List.of("10.0.1.0/24")).build();
    private static final BuildContext CONTEXT = BuildContext.of(CONFIG.masters());
    private static final long BYTES_PER_INPUT_BYTE = 1024;
    private static final long FIXED_BYTES = 256 * 1024;

    @FuzzTest
    void stateDocument(byte[] input) {
        FuzzBounds.check(input.length + " bytes of state",
                FIXED_BYTES + BYTES_PER_INPUT_BYTE * input.length, () -> refresh(input));
    }

    private static void refresh(byte[] input) {
        MesosState state;
        try {
            state = StateParser.parse(input);
        } catch (StateException expected) {
            return;
        }
        assertThat(state.leader()).isNotEmpty();
        RecordSet records = new RecordBuilder(CONFIG).build(state, CONTEXT);
        assertThat(ZoneCompiler.compile(records, CONFIG, 1_700_000_000L)).isNotNull();
    }
}
