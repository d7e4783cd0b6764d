package io.lodestar.server.dns;

import org.junit.jupiter.api.TestInstance;

/** The server contract on the NIO fallback (what runs off Linux): one UDP socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NioDnsServerTest extends DnsServerContract {
    @Override
    boolean preferNative() {
        return false;
    }
}
