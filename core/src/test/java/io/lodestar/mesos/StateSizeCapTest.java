package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code stateMaxBytes}: a state document over the cap fails the refresh before it is read whole. */
class StateSizeCapTest {
    private static final byte[] SMALL = "{\"leader\":\"master@10.0.0.1:5050\",\"slaves\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    /** {@code {"leader":...,"slaves":[{},{},{},...} without end, counting what is read. */
    private static final class EndlessState extends InputStream {
        private final byte[] head = "{\"leader\":\"master@10.0.0.1:5050\",\"slaves\":["
                .getBytes(StandardCharsets.UTF_8);
        private final byte[] agent = "{\"id\":\"a\"},".getBytes(StandardCharsets.UTF_8);
        long read;

        @Override
        public int read() {
            long i = read++;
            return i < head.length ? head[(int) i] : agent[(int) ((i - head.length) % agent.length)];
        }
    }

    @Test
    void aDocumentWithinTheCapParses() throws StateException {
        assertThat(StateParser.parse(SMALL, SMALL.length).leader()).isEqualTo("master@10.0.0.1:5050");
    }

    @Test
    void aDocumentOverTheCapFailsNamingTheKey() {
        assertThatThrownBy(() -> StateParser.parse(SMALL, SMALL.length - 1)).isInstanceOf(StateException.class)
                .hasMessage("state is larger than stateMaxBytes (" + (SMALL.length - 1) + " bytes)");
    }

    @Test
    void anEndlessDocumentFailsOnceTheCapIsReadNotAtItsEnd() {
        EndlessState in = new EndlessState();
        int cap = 1 << 20;

        assertThatThrownBy(() -> StateParser.parse(in, cap)).isInstanceOf(StateException.class)
                .hasMessageContaining("stateMaxBytes");
        assertThat(in.read).as("bytes read").isBetween((long) cap, cap + 64L * 1024);
    }
}
