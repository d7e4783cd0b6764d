package io.lodestar.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Maps a request to a {@link Route} and the {@link Reply} it gets, with upstream's status codes (spec section 10):
 * 301 to the cleaned path when it holds {@code //}, {@code .} or {@code ..} segments (Go's {@code ServeMux}), 404
 * for an unknown path, 405 for a method other than GET, and on the Mesos-DNS routes 415 for a body that is not
 * JSON and 406 when {@code Accept} rules out JSON, checked in that order (go-restful). A single trailing slash is
 * tolerated. With {@code httpApiToken} set, the routes that show the whole configuration or every record answer 401
 * unless the request carries the token ({@link BearerToken}). Runs on an HTTP event loop: every handler it calls
 * returns at once.
 */
final class HttpRouter {

    /** A request's route and reply. */
    record Dispatch(Route route, Reply reply) {
    }

    private final boolean enumerationOn;
    private final MesosDnsApi mesosDns;
    private final StatusApi status;
    private final BearerToken token;

    HttpRouter(boolean enumerationOn, MesosDnsApi mesosDns, StatusApi status) {
        this(enumerationOn, mesosDns, status, "");
    }

    /** {@code token} not empty: {@code /v1/config}, {@code /v1/enumerate} and {@code /v1/axfr} require it. */
    HttpRouter(boolean enumerationOn, MesosDnsApi mesosDns, StatusApi status, String token) {
        this.enumerationOn = enumerationOn;
        this.mesosDns = mesosDns;
        this.status = status;
        this.token = new BearerToken(token);
    }

    Dispatch dispatch(HttpMethod method, String uri, HttpHeaders headers) {
        String rawPath = rawPath(uri);
        String cleaned = cleanPath(rawPath);
        if (!cleaned.equals(rawPath)) {
            int query = uri.indexOf('?');
            return new Dispatch(Route.NONE, Reply.movedPermanently(query < 0 ? cleaned : cleaned + uri.substring(query)));
        }
        List<String> segments;
        try {
            segments = segments(rawPath);
        } catch (IllegalArgumentException badEscape) {
            return new Dispatch(Route.NONE, Reply.text(400, "400 Bad Request"));
        }
        Route route = match(segments);
        if (route == Route.NONE) {
            return new Dispatch(route, Reply.notFound());
        }
        if (!HttpMethod.GET.equals(method)) {
            return new Dispatch(route, Reply.text(405, "405: Method Not Allowed"));
        }
        if (route.needsToken() && !token.allows(headers.getAll(HttpHeaderNames.AUTHORIZATION))) {
            return new Dispatch(route, Reply.unauthorized());
        }
        if (route.mesosDns() && hasBody(headers) && !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            return new Dispatch(route, Reply.text(415, "415: Unsupported Media Type"));
        }
        if (route.mesosDns() && !acceptsJson(headers.getAll(HttpHeaderNames.ACCEPT))) {
            return new Dispatch(route, Reply.text(406, "406: Not Acceptable"));
        }
        return new Dispatch(route, reply(route, segments));
    }

    private Route match(List<String> s) {
        int n = s.size();
        if (n == 0) {
            return Route.STATUS_PAGE;
        }
        if (n == 1) {
            return switch (s.get(0)) {
                case "health" -> Route.HEALTH;
                case "ready" -> Route.READY;
                case "metrics" -> Route.METRICS;
                case "status" -> Route.STATUS;
                default -> Route.NONE;
            };
        }
        if (!s.get(0).equals("v1")) {
            return Route.NONE;
        }
        String what = s.get(1);
        if (n == 2) {
            return switch (what) {
                case "version" -> Route.VERSION;
                case "config" -> Route.CONFIG;
                case "enumerate" -> enumerationOn ? Route.ENUMERATE : Route.NONE;
                case "axfr" -> enumerationOn ? Route.AXFR : Route.NONE;
                default -> Route.NONE;
            };
        }
        if (n == 3 && what.equals("hosts")) {
            return Route.HOSTS;
        }
        if (n == 3 && what.equals("services")) {
            return Route.SERVICES;
        }
        if (n == 4 && what.equals("hosts") && s.get(3).equals("ports")) {
            return Route.HOST_PORTS;
        }
        return Route.NONE;
    }

    private Reply reply(Route route, List<String> segments) {
        return switch (route) {
            case VERSION -> mesosDns.version();
            case CONFIG -> mesosDns.config();
            case HOSTS -> mesosDns.hosts(segments.get(2));
            case HOST_PORTS -> Reply.text(501, "To be implemented...");
            case SERVICES -> mesosDns.services(segments.get(2));
            case ENUMERATE -> mesosDns.enumerate();
            case AXFR -> mesosDns.axfr();
            case HEALTH -> status.health();
            case READY -> status.ready();
            case METRICS -> status.metrics();
            case STATUS -> status.status();
            case STATUS_PAGE -> status.page();
            case NONE -> Reply.notFound();
        };
    }

    /** The path of a request target, still percent-encoded; absolute-form targets lose their scheme and host. */
    static String rawPath(String uri) {
        String path = uri;
        int scheme = path.indexOf("://");
        if (scheme > 0 && path.indexOf('/') > scheme) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        int query = path.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return path.substring(0, end);
    }

    /**
     * Go's {@code cleanPath}: rooted, {@code //} collapsed, {@code .} and {@code ..} resolved ({@code ..} above the
     * root is dropped), a trailing slash kept when there was one.
     */
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(segment);
        }
        String cleaned = "/" + String.join("/", kept);
        return path.endsWith("/") && !kept.isEmpty() ? cleaned + "/" : cleaned;
    }

    /** The decoded segments of a clean path, without the leading and trailing slash (go-restful's tokens). */
    private static List<String> segments(String cleanPath) {
        String trimmed = cleanPath.substring(1);
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(trimmed.split("/")).map(QueryStringDecoder::decodeComponent).toList();
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getInt(HttpHeaderNames.CONTENT_LENGTH, 0) > 0
                || headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && mediaType(contentType).equals("application/json");
    }

    /**
     * True when an {@code Accept} header allows JSON: none at all, or an entry {@code application/json},
     * {@code application/*} or {@code *}{@code /*} (parameters such as {@code q} ignored, as go-restful does).
     */
    static boolean acceptsJson(List<String> acceptHeaders) {
        if (acceptHeaders.isEmpty()) {
            return true;
        }
        for (String header : acceptHeaders) {
            if (header.isBlank()) {
                return true;
            }
            for (String entry : header.split(",")) {
                String type = mediaType(entry);
                if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int params = value.indexOf(';');
        return (params < 0 ? value : value.substring(0, params)).trim().toLowerCase(Locale.ROOT);
    }
}
