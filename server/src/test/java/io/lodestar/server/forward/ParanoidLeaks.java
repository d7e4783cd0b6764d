package io.lodestar.server.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's leak detector at PARANOID (every buffer tracked) and fails it when a leak is
 * reported. Reports come after garbage collection, so the class's servers must be closed by then.
 */
final class ParanoidLeaks implements BeforeAllCallback, AfterAllCallback {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> reported.add(type + ": " + records));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            System.gc();
            // Collected leaks are reported while the next buffers are tracked.
            for (int i = 0; i < 256; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
            }
            assertThat(reported).as("leaks reported by ResourceLeakDetector").isEmpty();
        } finally {
            ByteBufUtil.setLeakListener(null);
            ResourceLeakDetector.setLevel(previous);
        }
    }
}
