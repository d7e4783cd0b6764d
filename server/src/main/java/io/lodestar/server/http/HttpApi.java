package io.lodestar.server.http;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.status.Readiness;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The HTTP server on {@code HTTPListener:httpport}: Reactor Netty on event loops of its own (never the DNS loops),
 * answering through {@link HttpRouter}. Work that may take long (rendering {@code /v1/axfr} for a large cluster,
 * scraping process metrics) runs on a small worker pool, so the loops only route and write.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(50);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    /** A connection that sends no request for this long is closed: it holds a slot of httpMaxConnections. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** HTTP traffic is operators and pollers: one loop thread, two at most. */
    private static final int LOOP_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());
    private static final int WORKER_THREADS = 2;
    private static final int WORKER_QUEUE = 256;
    private static final byte[] INTERNAL_ERROR = "500: Internal Server Error".getBytes(StandardCharsets.UTF_8);

    private final Config config;
    private final LodestarMetrics metrics;
    private final Scheduler worker;
    private final HttpRouter router;
    private final HttpLimits limits;
    private LoopResources loops;
    private DisposableServer server;

    /** An API over {@code holder}'s snapshots, reporting {@code readiness}, counting in {@code metrics}. */
    public HttpApi(Config config, SnapshotHolder holder, Readiness readiness, LodestarMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.worker = Schedulers.newBoundedElastic(WORKER_THREADS, WORKER_QUEUE, "lodestar-http-work", 60, true);
        this.router = new HttpRouter(config.enumerationOn(), new MesosDnsApi(config, holder, metrics, worker),
                new StatusApi(config, readiness, metrics, worker), config.httpApiToken());
        this.limits = new HttpLimits(config.httpMaxConnections(), config.httpMaxRequestBytes());
        metrics.registerHttpRoutes(Route.class);
        metrics.bindHttpLimits(limits, HttpLimits::openConnections, HttpLimits::rejected, HttpLimits::tooLarge);
    }

    /** Binds {@code HTTPListener:httpport}; a {@link BindException} names the address when it cannot. */
    public synchronized void start() throws BindException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        loops = LoopResources.create("lodestar-http", 1, LOOP_THREADS, true);
        try {
            server = HttpServer.create()
                    .host(config.httpListener())
                    .port(config.httpPort())
                    .runOn(loops)
                    .idleTimeout(IDLE_TIMEOUT)
                    .httpRequestDecoder(spec -> spec.maxInitialLineLength(config.httpMaxRequestBytes())
                            .maxHeaderSize(config.httpMaxRequestBytes()))
                    .doOnChannelInit((observer, channel, remote) -> limits.admit(channel))
                    .handle(this::handle)
                    .bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            stopLoops();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            BindException bind = new BindException("cannot listen on http " + config.httpListener() + ":"
                    + config.httpPort() + ": " + cause.getMessage());
            bind.initCause(e);
            throw bind;
        }
        InetSocketAddress bound = address();
        String host = bound.getAddress().getHostAddress();
        log.info("http: listening on http://{}:{}/", host.indexOf(':') >= 0 ? "[" + host + "]" : host,
                bound.getPort());
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        HttpRouter.Dispatch d;
        try {
            d = router.dispatch(request.method(), request.uri(), request.requestHeaders());
        } catch (RuntimeException | Error e) {
            // Errors too: BlockHound's BlockingOperationError in tests, and any other error must still answer.
            return failed(request, response, Route.NONE, e);
        }
        Reply reply = d.reply();
        return reply.body()
                .flatMap(bytes -> send(response, d.route(), reply, bytes))
                .onErrorResume(e -> failed(request, response, d.route(), e));
    }

    /** A bug, not a bad request: 500, logged with the request line (on the worker: logging may block). */
    private Mono<Void> failed(HttpServerRequest request, HttpServerResponse response, Route route, Throwable e) {
        String line = request.method() + " " + request.uri();
        worker.schedule(() -> log.warn("http: {} failed", line, e));
        return send(response, route, new Reply(500, Reply.TEXT, null, null), INTERNAL_ERROR);
    }

    private Mono<Void> send(HttpServerResponse response, Route route, Reply reply, byte[] body) {
        int status = reply.status();
        metrics.httpRequest(route, status);
        // Connection: close after every response. The Reactor Netty pinned here can stop reading a keep-alive
        // connection when the next request arrives before the previous one's operations terminated (reactor-netty
        // issues #4188 and #4361, fixed upstream later): the client then waits forever. Seen here as rare 10 s
        // test timeouts. A connection per request costs a handshake, nothing at this API's rate; drop this once a
        // release with the fix can be used.
        response.keepAlive(false)
                .status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        if (reply.location() != null) {
            response.header(HttpHeaderNames.LOCATION, reply.location());
        }
        if (reply.authenticate() != null) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, reply.authenticate());
        }
        return response.sendByteArray(Mono.just(body)).then();
    }

    /** The bound address, or null before {@link #start()}. */
    public synchronized InetSocketAddress address() {
        return server == null ? null : (InetSocketAddress) server.address();
    }

    /** The event loops (for tests that check what runs on them); null before {@link #start()}. */
    synchronized EventLoopGroup eventLoops() {
        return loops == null ? null : loops.onServer(true);
    }

    /** Stops listening and the loops, waiting a few seconds at most. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(SHUTDOWN_TIMEOUT);
            server = null;
        }
        stopLoops();
        worker.dispose();
    }

    private void stopLoops() {
        if (loops == null) {
            return;
        }
        try {
            loops.disposeLater(QUIET_PERIOD, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT.plusSeconds(1));
        } catch (IllegalStateException timedOut) {
            log.info("http: stopped (event loops still finishing)");
        }
        loops = null;
    }
}
