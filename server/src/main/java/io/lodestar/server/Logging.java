package io.lodestar.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Log set-up from the command line: Mesos-DNS's {@code -v=N} becomes the level of Lodestar's own loggers (0 INFO,
 * 1 DEBUG, 2 and up TRACE), and {@code -logformat=json} swaps the text lines of logback.xml for one JSON object
 * per line on stderr (Logback's JsonEncoder), for log shippers.
 */
final class Logging {
    private Logging() {
    }

    static void configure(int verbosity, String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding is in charge
        }
        Logger lodestar = context.getLogger("io.lodestar");
        lodestar.setLevel(verbosity <= 0 ? Level.INFO : verbosity == 1 ? Level.DEBUG : Level.TRACE);
        if ("json".equals(format)) {
            useJson(context);
        }
    }

    private static void useJson(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithContext(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("STDERR_JSON");
        json.setTarget("System.err");
        json.setEncoder(encoder);
        json.start();
        root.detachAndStopAllAppenders();
        root.addAppender(json);
    }
}
