package io.lodestar.server.dns;

import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per test JVM, so that a blocking call on a Netty event loop fails the test that made
 * it (Netty's own integration marks the event-loop threads). See {@code BlockHoundActiveTest}.
 */
public final class BlockHoundSupport {
    private static boolean installed;

    private BlockHoundSupport() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.install();
        installed = true;
    }
}
