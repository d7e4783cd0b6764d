package io.lodestar.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps Mesos-DNS's {@code -v=N} to log levels: 0 INFO, 1 DEBUG, 2 and up TRACE, for Lodestar's own loggers. */
final class Logging {
    private Logging() {
    }

    static void verbosity(int v) {
        if (!(LoggerFactory.getLogger("io.lodestar") instanceof Logger lodestar)) {
            return; // another SLF4J binding is in charge
        }
        lodestar.setLevel(v <= 0 ? Level.INFO : v == 1 ? Level.DEBUG : Level.TRACE);
    }
}
