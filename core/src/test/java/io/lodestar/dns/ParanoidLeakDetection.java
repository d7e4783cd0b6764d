package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Runs a test class with Netty's {@link ResourceLeakDetector} at PARANOID (every buffer tracked) and fails it when
 * the detector reports a leak. Reports come after garbage collection, so this complements, and does not replace,
 * the exact refCnt checks of {@link DnsTester}.
 */
final class ParanoidLeakDetection implements BeforeAllCallback, AfterAllCallback {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        reports.start();
        logger.addAppender(reports);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            // Leaked buffers are reported by the allocations that follow their collection.
            System.gc();
            for (int i = 0; i < 256; i++) {
                ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
                direct.release();
                heap.release();
            }
            assertThat(reports.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(message -> message.contains("LEAK"));
        } finally {
            logger.detachAppender(reports);
            ResourceLeakDetector.setLevel(previous);
        }
    }
}
