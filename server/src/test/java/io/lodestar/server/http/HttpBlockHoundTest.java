package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.Future;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;

/** Proves that the HTTP tests run under BlockHound: a blocking call on an HTTP event loop fails. */
class HttpBlockHoundTest {

    @Test
    void aBlockingCallOnAnHttpEventLoopIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "{}");
        try (HttpFixture http = new HttpFixture()) {
            Future<Integer> read = http.api.eventLoops().next().submit(() -> {
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    return in.read();
                }
            });

            assertThat(read.awaitUninterruptibly(5000)).isTrue();
            assertThat(read.cause()).isInstanceOf(BlockingOperationError.class);
        }
    }
}
