package io.wegate.server.backchannel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The logout request (<a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest">
 * section 2.5</a>): {@code POST} of {@code logout_token} as a form to the client's back-channel
 * logout URI, which registration checked ({@code https}, or {@code http} on the loopback interface).
 * Redirects are never followed (the URI was checked, where it points to was not); 5 s for the
 * connection and 5 s for the answer. 200, or the 204 some frameworks send instead, is success
 * (section 2.8); anything else is a failure to retry.
 */
final class BackChannelLogoutRequests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the relying party answered: an HTTP status, or the class of the connection error. */
    record Answer(Integer status, String error) {

        boolean delivered() {
            return status != null && (status == 200 || status == 204);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Answer post(String uri, String logoutToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.US_ASCII)))
                .build();
        try {
            return new Answer(
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), null);
        } catch (IOException e) {
            // the class only: a message may quote the request
            return new Answer(null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, e.getClass().getSimpleName());
        }
    }
}
