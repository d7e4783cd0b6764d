/**
 * Where the served records stand: the state source's condition ({@link io.lodestar.server.status.SourceStatus}) and
 * the readiness verdict drawn from it and the published snapshot ({@link io.lodestar.server.status.Readiness}), read
 * by {@code /ready}, the status page and the metrics. Fields that may be null say so.
 */
package io.lodestar.server.status;
