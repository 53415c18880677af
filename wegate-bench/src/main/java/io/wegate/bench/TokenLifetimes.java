package io.wegate.bench;

import java.util.List;

/**
 * What {@code --token-lifetimes} measured in one flow's run: before each of {@code lifetimes} segments of the measured
 * logins the sandbox clock was moved on by one app-token lifetime, so every token the gateway held was expired, and
 * {@code callsPerLifetime} counts the calls to {@code path} (the app-token endpoint) during each segment.
 *
 * @param path the app-token endpoint, e.g. {@code /cgi-bin/gettoken}
 * @param requested {@code --token-lifetimes}
 * @param callsPerLifetime token calls during each segment that ran, in order; its size is the lifetimes covered (fewer
 *     than requested only when the time limit cut the run short)
 * @param secondsPerLifetime how far the clock was moved before each segment
 */
record TokenLifetimes(String path, int requested, List<Long> callsPerLifetime, int secondsPerLifetime) {

    TokenLifetimes {
        callsPerLifetime = List.copyOf(callsPerLifetime);
    }

    /** Token lifetimes the measured run covered: one per clock move. */
    int covered() {
        return callsPerLifetime.size();
    }

    long calls() {
        return callsPerLifetime.stream().mapToLong(Long::longValue).sum();
    }

    /** Token calls during the measured run per lifetime covered; {@code NaN} when none was covered. */
    double callsPerLifetimeAverage() {
        return covered() == 0 ? Double.NaN : (double) calls() / covered();
    }

    /** The sizes of {@code segments} segments of {@code logins} logins, as equal as can be, the larger ones first. */
    static int[] segments(int logins, int segments) {
        int[] sizes = new int[segments];
        for (int s = 0; s < segments; s++) {
            sizes[s] = logins / segments + (s < logins % segments ? 1 : 0);
        }
        return sizes;
    }
}
