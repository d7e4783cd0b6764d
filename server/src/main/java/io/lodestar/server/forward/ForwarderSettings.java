package io.lodestar.server.forward;

import io.lodestar.config.Config;

/**
 * The configuration values the forwarder's loops read on every query, taken from {@link Config} once.
 *
 * @param timeoutNanos how long one upstream gets to answer one attempt
 * @param setTruncateBit false clears TC in every relayed reply (Mesos-DNS {@code SetTruncateBit})
 * @param udpMaxResponseSize the largest UDP response a client gets, and the size our own OPT advertises
 */
record ForwarderSettings(long timeoutNanos, boolean setTruncateBit, int udpMaxResponseSize) {

    static ForwarderSettings of(Config config) {
        return new ForwarderSettings(config.forwardTimeout().toNanos(), config.setTruncateBit(),
                Math.max(512, Math.min(config.udpMaxResponseSize(), 65535)));
    }
}
