package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A cap's overflows are logged once per streak; a streak ends after a quiet spell. */
class OverflowLogTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Logger logger = (Logger) LoggerFactory.getLogger(OverflowLogTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final OverflowLog log = new OverflowLog(logger, "test: cap (3) reached", now::get, Runnable::run);

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private void overflowFor(long seconds, long every) {
        for (long t = 0; t <= seconds * SECOND; t += every) {
            log.overflow();
            now.addAndGet(every);
        }
    }

    @Test
    void aLongStreakIsOneLine() {
        overflowFor(60, SECOND / 100);

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("test: cap (3) reached (logged again after 10 s without one)");
        assertThat(lines.list.get(0).getLevel().toString()).isEqualTo("WARN");
    }

    @Test
    void overflowsLessThanTheQuietSpellApartAreOneStreak() {
        overflowFor(60, 8 * SECOND);

        assertThat(lines.list).hasSize(1);
    }

    @Test
    void aQuietSpellEndsTheStreak() {
        log.overflow();
        now.addAndGet(12 * SECOND);
        log.overflow();
        log.overflow();

        assertThat(lines.list).hasSize(2);
    }
}
