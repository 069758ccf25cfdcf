package io.github.lambdacontainer.update;

/** An update (or check, or diff) that cannot go ahead; the message says why and what to do. Nothing was changed. */
public final class UpdateRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public UpdateRefusedException(String message) {
        super(message);
    }

    public UpdateRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
