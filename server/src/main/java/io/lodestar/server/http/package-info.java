/**
 * The HTTP side on {@code HTTPListener:httpport}: the Mesos-DNS API ({@code /v1/...}, spec section 10), health and
 * readiness, Prometheus metrics and the operator status page, served by Reactor Netty on event loops of its own.
 * Nothing here is null unless a method says so.
 */
package io.lodestar.server.http;
