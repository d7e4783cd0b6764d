package io.lodestar.server.mesos;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lodestar.mesos.RecordIoDecoder;
import io.lodestar.mesos.StateException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why getting the cluster state failed: a small fixed set, so that failures can be counted per reason (and become
 * bounded metric tags later). Every failure of the refresh path maps to exactly one.
 */
public enum FailureReason {
    /** No master leads (ZooKeeper has no leader, every master answered 503, or none is configured). */
    NO_LEADER,
    /** Connecting failed or the connection broke. */
    CONNECTION,
    /** The master did not answer within {@code stateTimeoutSeconds}. */
    TIMEOUT,
    /** The master answered with a status other than 2xx, 307 and 503. */
    HTTP_STATUS,
    /** The master refused the credentials (401, 403) or the IAM login failed. */
    AUTHENTICATION,
    /** The TLS handshake failed (certificate not trusted, wrong host name). */
    TLS,
    /** The state document (or an event) could not be used: not JSON, truncated, no leader field. */
    INVALID_STATE,
    /** The event stream ended, missed its heartbeats, or sent framing that is not RecordIO. */
    STREAM_LOST,
    /** Anything else: a bug; the message and the log say more. */
    INTERNAL;

    /** The reason of a failure, looking through wrappers for the most telling cause. */
    public static FailureReason of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FetchException f) {
                return f.reason();
            }
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SSLException) {
                return TLS;
            }
            if (t instanceof RecordIoDecoder.FramingException) {
                return STREAM_LOST;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StateException s) {
                // The body broke off while it was parsed: the connection failed, not the document.
                Throwable cause = s.getCause();
                boolean brokeOff = cause instanceof IOException && !(cause instanceof JsonProcessingException);
                return brokeOff ? of(cause) : INVALID_STATE;
            }
            if (t instanceof IOException) {
                return CONNECTION;
            }
        }
        return INTERNAL;
    }
}
