package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Leak checks for handler tests: an allocator that remembers every buffer it made (each must be released by the
 * end of a test) and Netty's leak detector at PARANOID, whose reports fail the tests too.
 */
final class LeakCheck {
    private static final List<String> REPORTED = new CopyOnWriteArrayList<>();
    private static ResourceLeakDetector.Level previous;

    private LeakCheck() {
    }

    /** PARANOID leak detection, reports collected; call from {@code @BeforeAll}. */
    static void paranoid() {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> REPORTED.add(type + ": " + records));
    }

    /** Gives the detector a chance to report, asserts it reported nothing and restores the level; {@code @AfterAll}. */
    static void assertNoReportedLeaks() {
        System.gc();
        // The detector reports collected leaks when it tracks the next buffers.
        for (int i = 0; i < 100; i++) {
            UnpooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        ByteBufUtil.setLeakListener(null);
        ResourceLeakDetector.setLevel(previous);
        assertThat(REPORTED).as("leaks reported by ResourceLeakDetector").isEmpty();
    }

    /** An unpooled allocator that tracks every buffer it allocates. */
    static final class TrackingAllocator extends AbstractByteBufAllocator {
        private final List<ByteBuf> buffers = new ArrayList<>();

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf track(ByteBuf buf) {
            buffers.add(buf);
            return buf;
        }

        int allocations() {
            return buffers.size();
        }

        void assertAllReleased() {
            assertThat(buffers).as("buffers still referenced").allSatisfy(b -> assertThat(b.refCnt()).isZero());
        }
    }
}
