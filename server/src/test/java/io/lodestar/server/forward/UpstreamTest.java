package io.lodestar.server.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The health memory of one upstream, with time passed in: failing, probes with a bounded doubling gap, recovery. */
class UpstreamTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final Upstream u = new Upstream(0, new InetSocketAddress("192.0.2.53", 53));

    @Test
    void aHealthyUpstreamIsNeverProbed() {
        assertThat(u.failing()).isFalse();
        assertThat(u.claimProbe(0)).isFalse();
        assertThat(u.claimProbe(100 * S)).isFalse();
    }

    @Test
    void oneFailureMakesItFailingAndTheFirstProbeIsDueASecondLater() {
        u.failed(10 * S, "timeout", false);
        assertThat(u.failing()).isTrue();
        assertThat(u.consecutiveFailures()).isEqualTo(1);
        assertThat(u.claimProbe(10 * S + S / 2)).isFalse();
        assertThat(u.claimProbe(11 * S)).isTrue();
        // Exactly one caller gets a due probe.
        assertThat(u.claimProbe(11 * S)).isFalse();
    }

    @Test
    void failedProbesDoubleTheGapUpToThirtySeconds() {
        long now = 0;
        u.failed(now, "timeout", false);
        long[] expectedGaps = {1, 2, 4, 8, 16, 30, 30, 30};
        long due = now + S;
        for (long gap : expectedGaps) {
            assertThat(u.claimProbe(due - 1)).isFalse();
            assertThat(u.claimProbe(due)).isTrue();
            long probeFailed = due + S / 10;
            u.failed(probeFailed, "timeout", true);
            long next = expectedGaps[Math.min(expectedGaps.length - 1, indexOf(expectedGaps, gap) + 1)];
            due = probeFailed + next * S;
        }
        assertThat(u.consecutiveFailures()).isEqualTo(1 + expectedGaps.length);
    }

    private static int indexOf(long[] gaps, long gap) {
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] == gap) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aReplyInTimeMakesItHealthyAndResetsTheGap() {
        u.failed(0, "timeout", false);
        assertThat(u.claimProbe(S)).isTrue();
        u.failed(S, "timeout", true);
        u.answered(1_000_000);
        assertThat(u.failing()).isFalse();
        assertThat(u.consecutiveFailures()).isZero();
        assertThat(u.answers()).isEqualTo(1);
        assertThat(u.failures()).isEqualTo(2);
        u.failed(100 * S, "timeout", false);
        assertThat(u.claimProbe(101 * S)).isTrue();
    }

    @Test
    void failuresOfOrdinaryAttemptsWhileFailingDoNotPushTheProbeBack() {
        u.failed(0, "timeout", false);
        u.failed(S / 2, "timeout", false);
        assertThat(u.claimProbe(S)).isTrue();
    }
}
