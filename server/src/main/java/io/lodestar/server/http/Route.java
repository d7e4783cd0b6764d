package io.lodestar.server.http;

/**
 * The routes of the HTTP API, also the values of the {@code route} tag of {@code lodestar_http_requests_total}.
 * The Mesos-DNS routes negotiate JSON ({@link #mesosDns()}); Lodestar's own do not.
 */
enum Route {
    VERSION(true, false),
    CONFIG(true, true),
    HOSTS(true, false),
    HOST_PORTS(true, false),
    SERVICES(true, false),
    ENUMERATE(true, true),
    AXFR(true, true),
    HEALTH(false, false),
    READY(false, false),
    METRICS(false, false),
    STATUS(false, false),
    STATUS_PAGE(false, false),
    /** No route: 404, or the 301 to a cleaned path. */
    NONE(false, false);

    private final boolean mesosDns;
    private final boolean needsToken;

    Route(boolean mesosDns, boolean needsToken) {
        this.mesosDns = mesosDns;
        this.needsToken = needsToken;
    }

    /** True for the routes that show the whole configuration or every record: {@code httpApiToken} guards them. */
    boolean needsToken() {
        return needsToken;
    }

    /** True for the routes of spec section 10, which check {@code Accept} and {@code Content-Type} as upstream. */
    boolean mesosDns() {
        return mesosDns;
    }
}
