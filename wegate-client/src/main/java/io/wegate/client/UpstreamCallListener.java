package io.wegate.client;

import java.time.Duration;

/** Told about every upstream HTTP call, for metrics. Methods must be cheap and not throw. */
public interface UpstreamCallListener {

    UpstreamCallListener NONE = (path, outcome, elapsed) -> {};

    /**
     * @param path the upstream path, e.g. {@code /cgi-bin/gettoken}
     * @param outcome the errcode as text ({@code "0"}, {@code "40029"}), or {@code http_500},
     *     {@code malformed}, {@code timeout}, {@code io}
     * @param elapsed how long the attempt took
     */
    void onCall(String path, String outcome, Duration elapsed);
}
