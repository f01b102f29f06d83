package io.flint.api;

/**
 * A request the API refuses, with the HTTP status and the {@code {"error","reason"}} body it
 * becomes: {@code error} a stable machine-readable code, {@code reason} a sentence naming the
 * problem. Thrown by handlers; {@link ApiServer} maps it centrally.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String reason) {
        return new ApiException(400, error, reason);
    }

    public static ApiException notFound(String reason) {
        return new ApiException(404, "not_found", reason);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String reason() {
        return getMessage();
    }
}
