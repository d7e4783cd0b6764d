package io.lodestar.server.mesos;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves master host names for the HTTP client through the system resolver (so {@code /etc/hosts} and nsswitch
 * apply, as for every other name Lodestar resolves) on a small pool of its own threads: an event loop only gets
 * the promise, never the blocking lookup. Netty's default {@code DefaultAddressResolverGroup} would block the loop.
 */
final class SystemResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private final ExecutorService pool;

    SystemResolverGroup() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lodestar-master-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new OffLoopNameResolver(executor, pool));
    }

    @Override
    public void close() {
        super.close();
        pool.shutdownNow();
    }

    private static final class OffLoopNameResolver extends InetNameResolver {
        private final ExecutorService pool;

        OffLoopNameResolver(EventExecutor executor, ExecutorService pool) {
            super(executor);
            this.pool = pool;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            submit(promise, () -> promise.trySuccess(InetAddress.getByName(host)));
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            submit(promise, () -> promise.trySuccess(Arrays.asList(InetAddress.getAllByName(host))));
        }

        private interface Lookup {
            void run() throws UnknownHostException;
        }

        private void submit(Promise<?> promise, Lookup lookup) {
            try {
                pool.execute(() -> {
                    try {
                        lookup.run();
                    } catch (UnknownHostException | RuntimeException e) {
                        promise.tryFailure(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                promise.tryFailure(e);
            }
        }
    }
}
