package io.lodestar.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code httpApiToken}: the bearer token (RFC 6750 2.1) that {@code /v1/config}, {@code /v1/enumerate} and
 * {@code /v1/axfr} require when it is set. Compared in constant time, so that the time of a refusal says nothing
 * about how much of a guess was right. Empty: every request is allowed, as in Mesos-DNS.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] token;

    BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** True when no token is configured, or one {@code Authorization} header carries it. */
    boolean allows(List<String> authorization) {
        if (token.length == 0) {
            return true;
        }
        if (authorization.size() != 1) {
            return false;
        }
        String value = authorization.get(0);
        if (value.length() < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] offered = value.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, token);
    }
}
