package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.netty.util.concurrent.Future;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;

/** Proves that the DNS server tests run under BlockHound: a blocking call on a DNS event loop fails. */
class BlockHoundActiveTest {

    @Test
    void aBlockingCallOnADnsEventLoopIsAnError(@TempDir Path dir) throws IOException {
        BlockHoundSupport.install();
        Path file = Files.writeString(dir.resolve("state.json"), "{}");
        Config config = TestZone.config();
        try (DnsServer server = new DnsServer(config, TestZone.processor(config), 1, true)) {
            server.start();

            Future<Integer> read = server.eventLoops().next().submit(() -> {
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    return in.read();
                }
            });

            assertThat(read.awaitUninterruptibly(5000)).isTrue();
            assertThat(read.cause()).isInstanceOf(BlockingOperationError.class);
        }
    }

    @Test
    void theSameCallOffTheEventLoopIsFine(@TempDir Path dir) throws IOException {
        BlockHoundSupport.install();
        Path file = Files.writeString(dir.resolve("state.json"), "{}");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertThat(in.read()).isEqualTo('{');
        }
    }
}
