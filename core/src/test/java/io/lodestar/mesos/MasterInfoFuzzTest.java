package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lodestar.testing.FuzzBounds;

/**
 * A master's {@code json.info_} node in ZooKeeper is outside input: whatever bytes it holds, parsing gives a
 * {@link MasterInfo} or a {@link StateException}, never another exception, no hang, bounded allocation; and the
 * address it yields is empty or a {@code host:port} that the master client can put in a URL as it is: a port
 * 1..65535 and a host of letters, digits, {@code - . _} or an IPv6 literal, nothing that could change the URL's
 * meaning. Seeds: MasterInfo JSON as Mesos 1.x writes it; findings are kept next to them.
 */
class MasterInfoFuzzTest {
    private static final long FIXED_BYTES = 128 * 1024;
    private static final long BYTES_PER_INPUT_BYTE = 256;

    @FuzzTest
    void masterInfo(byte[] input) {
        FuzzBounds.check(input.length + " bytes of MasterInfo", FIXED_BYTES + BYTES_PER_INPUT_BYTE * input.length,
                () -> read(input));
    }

    private static void read(byte[] input) {
        MasterInfo info;
        try {
            info = MasterInfo.parse(input);
        } catch (StateException expected) {
            return;
        }
        if (info.address().isEmpty()) {
            return;
        }
        HostPort hp = HostPort.parse(info.address());
        assertThat(hp).as("address %s reads back", info.address()).isNotNull();
        assertThat(hp.port()).isBetween(1, 65535);
        assertThat(hp.host()).as("host of %s", info.address()).matches("[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+");
        assertThat(info.leaderPid()).isNotEmpty();
    }
}
