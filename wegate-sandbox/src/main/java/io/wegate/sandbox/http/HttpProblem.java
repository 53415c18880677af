package io.wegate.sandbox.http;

/**
 * Ends a tooling request with a JSON error, {@code {"error": "...", "message": "..."}}; the dispatcher renders it.
 * Not for the simulated WeCom endpoints, which answer errcodes with HTTP 200.
 */
public final class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;

    public HttpProblem(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
