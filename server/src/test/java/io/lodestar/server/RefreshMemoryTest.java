package io.lodestar.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.mesos.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat over repeated refreshes of a large, changing state: the real server polls a WireMock master
 * whose {@value #TASKS}-task state changes at every refresh, and after {@value #REFRESHES} more published snapshots
 * the heap after a full collection, the direct buffers and the open file descriptors are where they were. A leak of
 * snapshots, buffers or HTTP connections would grow them by a snapshot (megabytes) or a socket per refresh.
 */
class RefreshMemoryTest {
    private static final int TASKS = 5_000;
    private static final int WARM_UP = 3;
    private static final int REFRESHES = 10;
    /** A snapshot of this state is megabytes: one leaked per refresh would add tens over the run, far above this. */
    private static final long HEAP_SLACK = 24L << 20;
    private static final long DIRECT_SLACK = 16L << 20;
    /** Sockets closing as the counts are taken, a log file rolling. */
    private static final long FD_SLACK = 8;

    private final ServeCommand command = new ServeCommand(print(), print(), code -> { });
    /** No request journal and one stub at a time: the fake master must not grow either. */
    private final WireMockServer master = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").disableRequestJournal());
    private ServeCommand.Running running;
    private int version;

    /**
     * BlockHound watches the event loops, and must be in place before any Reactor scheduler thread parks: installed
     * later, it finds them inside a wait it did not see begin and breaks their queues for the next tests.
     */
    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @AfterEach
    void stop() {
        command.stop();
        if (running != null) {
            running.close();
        }
        master.stop();
    }

    private static PrintStream print() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The next version of the state: a few tasks more or fewer and a marker task, so every refresh publishes. */
    private void change() {
        version++;
        String leader = "127.0.0.1:" + master.port();
        master.resetMappings();
        master.stubFor(get("/master/state").willReturn(okJson(StateJson.large(leader, TASKS + 100 * (version % 3))
                .task("marathon", "marker-" + version, "agent-0", "10.9." + (version / 250) + "." + (version % 250))
                .text())));
    }

    /** Changes the state and waits until the server published it. */
    private void refreshes(int count) {
        for (int i = 0; i < count; i++) {
            long serial = running.live().refresher().status().serial();
            change();
            await().atMost(Duration.ofSeconds(30)).until(() -> running.live().refresher().status().serial() > serial);
        }
    }

    private record Footprint(long heap, long direct, long fds) {
    }

    private static Footprint footprint() throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        return new Footprint(heap, direct, fds);
    }

    @Test
    void heapDirectMemoryAndFileDescriptorsStayFlatOverRefreshesOfALargeChangingState() throws Exception {
        master.start();
        change();
        Config config = Config.builder().masters(List.of("127.0.0.1:" + master.port())).refreshSeconds(1)
                .listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0).externalOn(false).build();
        running = command.serve(config, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> running.live().refresher().status().published());
        refreshes(WARM_UP);

        Footprint before = footprint();
        refreshes(REFRESHES);
        Footprint after = footprint();

        System.out.printf("refresh memory: heap %d -> %d bytes, direct %d -> %d bytes, fds %d -> %d%n",
                before.heap(), after.heap(), before.direct(), after.direct(), before.fds(), after.fds());
        assertThat(after.heap()).as("heap after a full GC").isLessThan(before.heap() + HEAP_SLACK);
        assertThat(after.direct()).as("direct buffers").isLessThan(before.direct() + DIRECT_SLACK);
        assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(before.fds() + FD_SLACK);
    }
}
