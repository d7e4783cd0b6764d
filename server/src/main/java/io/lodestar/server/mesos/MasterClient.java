package io.lodestar.server.mesos;

import io.lodestar.config.Config;
import io.lodestar.mesos.HostPort;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.Pid;
import io.lodestar.mesos.RecordIoDecoder;
import io.lodestar.mesos.StateParser;
import io.lodestar.server.Version;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * HTTP to the Mesos masters, non-blocking (Reactor Netty): {@code GET /master/state} (spec 4.1), parsed while it
 * downloads on the bounded parse scheduler, and the operator API event stream ({@code POST /api/v1 SUBSCRIBE}) as
 * RecordIO records. A master that does not lead answers 307 with a scheme-less {@code Location: //host:port/path}
 * (followed, up to {@value #MAX_REDIRECTS} hops) or 503 when no master leads yet. The status is checked (QUIRK 10):
 * anything but 2xx is a failed fetch with the status as reason. One connection per request, as Mesos-DNS.
 */
public final class MasterClient implements AutoCloseable {
    static final int MAX_REDIRECTS = 3;
    private static final String JSON = "application/json";

    private final HttpClient http;
    private final String scheme;
    private final Duration timeout;
    private final MasterAuth auth;
    private final Scheduler parser;
    private final Scheduler timer;
    private final SystemResolverGroup resolver;
    /** {@code stateMaxBytes}: a larger state document fails while it downloads. */
    private final long maxStateBytes;
    /** {@code streamMaxRecordBytes}: the largest event (a SUBSCRIBED snapshot of a large cluster) accepted. */
    private final long maxEventBytes;

    /** A client as the config says (TLS, authentication, {@code stateTimeoutSeconds}). */
    public MasterClient(Config config, Scheduler parser) throws IOException {
        this(config, parser, Schedulers.parallel(), Clock.systemUTC());
    }

    MasterClient(Config config, Scheduler parser, Scheduler timer, Clock clock) throws IOException {
        this.resolver = new SystemResolverGroup();
        HttpClient base = HttpClient.newConnection()
                .resolver(resolver)
                .followRedirect(false)
                .keepAlive(false)
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, "Lodestar/" + Version.current()));
        this.http = MasterTls.apply(base, config);
        this.scheme = config.mesosHttpsOn() ? "https" : "http";
        this.timeout = Duration.ofSeconds(config.stateTimeoutSeconds());
        this.parser = parser;
        this.timer = timer;
        this.maxStateBytes = config.stateMaxBytes();
        this.maxEventBytes = config.streamMaxRecordBytes();
        this.auth = switch (config.mesosAuthentication()) {
            case "basic" -> MasterAuth.basic(config.mesosCredentials());
            case "iam" -> new IamTokenCache(IamCredentials.read(Path.of(config.iamConfigFile())), http, clock,
                    timeout);
            default -> MasterAuth.NONE;
        };
    }

    /**
     * The state document and the master that answered it.
     *
     * @param master the {@code host:port} that served the state (after redirects): the leader
     */
    public record Fetched(MesosState state, String master) {
    }

    /**
     * Fetches {@code /master/state} from {@code hostPort} within {@code stateTimeoutSeconds}. When the document names
     * another leader than the master that served it (an old master serving a non-leader's view), fetches once more
     * from that leader (spec 4.2, single hop).
     */
    public Mono<Fetched> fetchState(String hostPort) {
        return fetchOnce(hostPort).flatMap(f -> {
            Pid leader = Pid.parse(f.state().leader());
            if (leader == null || leader.address().equals(f.master())) {
                return Mono.just(f);
            }
            return fetchOnce(leader.address());
        });
    }

    private Mono<Fetched> fetchOnce(String hostPort) {
        return exchange(HttpMethod.GET, hostPort, "/master/state", null,
                (master, res, body) -> parse(body).map(s -> new Fetched(s, master)), MAX_REDIRECTS)
                .next()
                .timeout(timeout, timer)
                .onErrorMap(TimeoutException.class, e -> new FetchException(FailureReason.TIMEOUT, "no state from "
                        + hostPort + " within " + timeout.toSeconds() + " s (stateTimeoutSeconds)"));
    }

    /**
     * Subscribes to the operator API event stream of {@code hostPort}: the RecordIO records, each one event as JSON
     * bytes. {@code connected} gets the {@code host:port} that accepted the subscription (after redirects) when it
     * answers 2xx, before the first record. The flux never times out by itself: the caller watches heartbeats.
     */
    public Flux<byte[]> subscribe(String hostPort, Consumer<String> connected) {
        return exchange(HttpMethod.POST, hostPort, "/api/v1", "{\"type\":\"SUBSCRIBE\"}", (master, res, body) -> {
            connected.accept(master);
            return records(body);
        }, MAX_REDIRECTS);
    }

    private interface Handler<T> {
        Publisher<T> ok(String master, HttpClientResponse response, ByteBufFlux body);
    }

    /** A master that does not lead pointed at the one that does. */
    private static final class Redirect extends Exception {
        private static final long serialVersionUID = 1L;
        final String target;

        Redirect(String target) {
            super("redirect to " + target, null, false, false);
            this.target = target;
        }
    }

    private <T> Flux<T> exchange(HttpMethod method, String hostPort, String path, String body, Handler<T> handler,
            int hopsLeft) {
        String url = scheme + "://" + hostPort + path;
        return auth.authorization().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMapMany(authorization -> {
            HttpClient client = http.headers(h -> {
                authorization.ifPresent(a -> h.set(HttpHeaderNames.AUTHORIZATION, a));
                h.set(HttpHeaderNames.ACCEPT, JSON);
                if (body != null) {
                    h.set(HttpHeaderNames.CONTENT_TYPE, JSON);
                }
            });
            HttpClient.ResponseReceiver<?> request = method == HttpMethod.GET ? client.get().uri(url)
                    : client.post().uri(url).send(ByteBufMono.fromString(Mono.just(body)));
            return request.response((res, content) -> {
                int code = res.status().code();
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    String target = redirectTarget(res.responseHeaders().get(HttpHeaderNames.LOCATION));
                    return target == null ? Flux.<T>error(new FetchException(FailureReason.HTTP_STATUS, url
                            + " answered HTTP " + code + " without a usable Location")) : Flux.<T>error(
                            new Redirect(target));
                }
                if (code == 503) {
                    return Flux.<T>error(new FetchException(FailureReason.NO_LEADER, url
                            + " answered HTTP 503: no master leads yet"));
                }
                if (code == 401 || code == 403) {
                    auth.rejected();
                    return Flux.<T>error(new FetchException(FailureReason.AUTHENTICATION, url + " answered HTTP "
                            + code + ": the credentials were refused"));
                }
                if (code < 200 || code > 299) {
                    return Flux.<T>error(new FetchException(FailureReason.HTTP_STATUS, url + " answered HTTP "
                            + code));
                }
                return handler.ok(hostPort, res, content);
            });
        }).onErrorResume(Redirect.class, r -> hopsLeft > 0
                ? exchange(method, r.target, path, body, handler, hopsLeft - 1)
                : Flux.error(new FetchException(FailureReason.HTTP_STATUS, "more than " + MAX_REDIRECTS
                        + " redirects from " + hostPort)));
    }

    /**
     * The {@code host:port} a redirect points at: Mesos sends a scheme-less {@code //host:port/path}; an absolute
     * URL works too. Null when the value names no host.
     */
    static String redirectTarget(String location) {
        if (location == null || location.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(location.startsWith("//") ? "http:" + location : location);
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return HostPort.join(host, port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses the body on the parse scheduler while it downloads; cancelling drops the download. */
    private Mono<MesosState> parse(ByteBufFlux body) {
        return Mono.defer(() -> {
            ChunkInputStream in = new ChunkInputStream();
            body.subscribe(in);
            return Mono.fromCallable(() -> StateParser.parse(in, maxStateBytes)).subscribeOn(parser).doFinally(s -> in.cancel());
        });
    }

    /** The body cut into RecordIO records; a body that ends inside a record is an error. */
    private Flux<byte[]> records(ByteBufFlux body) {
        return Flux.defer(() -> {
            RecordIoDecoder decoder = new RecordIoDecoder(maxEventBytes);
            return body.concatMapIterable(buf -> decode(decoder, buf))
                    .concatWith(Mono.defer(() -> decoder.midRecord()
                            ? Mono.error(new FetchException(FailureReason.STREAM_LOST,
                            "the event stream ended inside a record"))
                            : Mono.empty()));
        });
    }

    private static List<byte[]> decode(RecordIoDecoder decoder, ByteBuf buf) {
        List<byte[]> out = new ArrayList<>(2);
        try {
            for (ByteBuffer nio : buf.nioBuffers()) {
                decoder.feed(nio, out::add);
            }
        } catch (RecordIoDecoder.FramingException e) {
            throw Exceptions.propagate(e);
        }
        return out;
    }

    @Override
    public void close() {
        resolver.close();
    }
}
