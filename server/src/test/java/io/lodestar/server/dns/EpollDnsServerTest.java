package io.lodestar.server.dns;

import org.junit.jupiter.api.TestInstance;

/** The server contract on native epoll: one {@code SO_REUSEPORT} UDP socket per event loop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpollDnsServerTest extends DnsServerContract {
    @Override
    boolean preferNative() {
        return true;
    }
}
