package io.lodestar.server.mesos;

/** A failure of the master client that already knows its {@link FailureReason}; no stack trace (it is expected). */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient FailureReason reason;

    public FetchException(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
