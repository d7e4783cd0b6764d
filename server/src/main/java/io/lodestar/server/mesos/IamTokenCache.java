package io.lodestar.server.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;

/**
 * IAM authentication (spec 4.4) with the token kept until close to its expiry: Mesos-DNS logs in before every state
 * request (QUIRK 12). The login posts {@code {"uid", "token": <RS256 JWT>}} to {@code login_endpoint} and gets
 * {@code {"token": t}}; requests then carry {@code Authorization: token=t}. The token's own {@code exp} claim says
 * when to log in again (at 80 % of its life, at most 5 minutes before it ends); a token without one is kept
 * {@value #UNKNOWN_LIFETIME_MINUTES} minutes. A 401/403 from a master drops the token.
 */
final class IamTokenCache implements MasterAuth {
    private static final Logger log = LoggerFactory.getLogger(IamTokenCache.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int UNKNOWN_LIFETIME_MINUTES = 15;
    private static final Duration LOGIN_JWT_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private record Token(String header, Instant refreshAt) {
    }

    private final IamCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private volatile Token token;
    private Mono<Token> inFlight;

    IamTokenCache(IamCredentials credentials, HttpClient http, Clock clock, Duration timeout) {
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Mono<String> authorization() {
        return Mono.defer(() -> {
            Token t = token;
            if (t != null && clock.instant().isBefore(t.refreshAt())) {
                return Mono.just(t.header());
            }
            return login().map(Token::header);
        });
    }

    @Override
    public void rejected() {
        token = null;
    }

    /** One login at a time; callers that arrive meanwhile share it. */
    private synchronized Mono<Token> login() {
        if (inFlight == null) {
            inFlight = post().doOnNext(t -> token = t).doFinally(s -> clearInFlight()).cache();
        }
        return inFlight;
    }

    private synchronized void clearInFlight() {
        inFlight = null;
    }

    private Mono<Token> post() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            byte[] body;
            try {
                body = MAPPER.writeValueAsBytes(Map.of("uid", credentials.uid(), "token",
                        credentials.jwt(now.plus(LOGIN_JWT_LIFETIME))));
            } catch (IOException e) {
                return Mono.error(e);
            }
            return http.headers(h -> h.set("Content-Type", "application/json"))
                    .post()
                    .uri(credentials.loginEndpoint().toString())
                    .send(ByteBufMono.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
                    .responseSingle((res, content) -> {
                        if (res.status().code() != 200) {
                            return Mono.error(new FetchException(FailureReason.AUTHENTICATION,
                                    "IAM authentication failed: " + credentials.loginEndpoint() + " answered HTTP "
                                            + res.status().code()));
                        }
                        return content.asByteArray().defaultIfEmpty(new byte[0]).flatMap(b -> {
                            Token t = token(b);
                            return t != null ? Mono.just(t) : Mono.error(new FetchException(
                                    FailureReason.AUTHENTICATION, "IAM authentication failed: the login answer from "
                                    + credentials.loginEndpoint() + " holds no token"));
                        });
                    })
                    .timeout(timeout);
        });
    }

    /** The token of a login answer, or null when it has none. */
    private Token token(byte[] response) {
        String value;
        try {
            value = MAPPER.readTree(response).path("token").asText("");
        } catch (IOException e) {
            value = "";
        }
        if (value.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        Instant expires = expiry(value);
        Instant refreshAt;
        if (expires == null) {
            refreshAt = now.plus(Duration.ofMinutes(UNKNOWN_LIFETIME_MINUTES));
        } else {
            Duration life = Duration.between(now, expires);
            Duration margin = life.dividedBy(5).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(5) : MAX_MARGIN;
            refreshAt = expires.minus(margin.isNegative() ? Duration.ZERO : margin);
        }
        log.debug("iam: logged in as {}; next login after {}", credentials.uid(), refreshAt);
        return new Token("token=" + value, refreshAt);
    }

    /** The {@code exp} claim of a JWT, or null when the token is not a JWT with one. */
    static Instant expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.path("exp");
            return exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
