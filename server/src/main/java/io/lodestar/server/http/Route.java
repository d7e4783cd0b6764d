package io.lodestar.server.http;

/**
 * The routes of the HTTP API, also the values of the {@code route} tag of {@code lodestar_http_requests_total}.
 * The Mesos-DNS routes negotiate JSON ({@link #mesosDns()}); Lodestar's own do not.
 */
enum Route {
    VERSION(true),
    CONFIG(true),
    HOSTS(true),
    HOST_PORTS(true),
    SERVICES(true),
    ENUMERATE(true),
    AXFR(true),
    HEALTH(false),
    READY(false),
    METRICS(false),
    STATUS(false),
    STATUS_PAGE(false),
    /** No route: 404, or the 301 to a cleaned path. */
    NONE(false);

    private final boolean mesosDns;

    Route(boolean mesosDns) {
        this.mesosDns = mesosDns;
    }

    /** True for the routes of spec section 10, which check {@code Accept} and {@code Content-Type} as upstream. */
    boolean mesosDns() {
        return mesosDns;
    }
}
