package io.lodestar.mesos;

/** A state document that cannot be used at all: not JSON, not an object, or without a leader. */
public final class StateException extends Exception {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
