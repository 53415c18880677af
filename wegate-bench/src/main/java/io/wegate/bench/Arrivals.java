package io.wegate.bench;

/**
 * How the driver kept to its schedule in the open loop ({@code --rate}) or a burst ({@code --burst}): the send lag of
 * each login (the moment its thread began to send it minus the moment it was meant to be sent), and for the open loop
 * the send rate achieved. A driver that falls behind its own schedule measures itself, not the gateway: it flags
 * itself {@code saturated} when the achieved rate is below {@value #SATURATION_RATE_SHARE} of the requested one or the
 * send lag's p99 is above 5 ms.
 *
 * @param mode {@code rate} or {@code burst}
 * @param requestedRate logins per second asked for; NaN for a burst
 * @param sent logins whose thread began to send them
 * @param sendLag send lags, nanoseconds
 * @param achievedRate sends per second achieved (open loop); NaN for a burst
 */
record Arrivals(
        String mode,
        double requestedRate,
        int sent,
        Percentiles.Summary sendLag,
        double achievedRate,
        boolean saturated) {

    static final double SATURATION_RATE_SHARE = 0.95;

    static final long SATURATION_LAG_NANOS = 5_000_000;

    /** When login {@code i} (from 0) of an open loop at {@code rate} per second is due, in nanoseconds after t0. */
    static long offsetNanos(int i, double rate) {
        return Math.round(i * (1e9 / rate));
    }

    /**
     * The send rate of {@code sent} logins the last of which was sent {@code lastSendNanos} after t0: each login owns
     * a slot of {@code 1/rate}, so {@code n} logins sent on time take {@code n/rate} and give exactly {@code rate}.
     */
    static double achievedRate(int sent, long lastSendNanos, double rate) {
        if (sent == 0) {
            return 0;
        }
        return sent / (Math.max(0, lastSendNanos) / 1e9 + 1 / rate);
    }

    /**
     * The open loop's figures.
     *
     * @param t0 when login 0 was due
     * @param intended when each sent login was due (nanoTime)
     * @param actual when its thread began to send it (nanoTime), same order
     */
    static Arrivals openLoop(double rate, long t0, long[] intended, long[] actual) {
        long[] lags = lags(intended, actual);
        long last = Long.MIN_VALUE;
        for (long a : actual) {
            last = Math.max(last, a);
        }
        Percentiles.Summary lag = Percentiles.summarize(lags);
        double achieved = achievedRate(actual.length, actual.length == 0 ? 0 : last - t0, rate);
        boolean saturated = achieved < SATURATION_RATE_SHARE * rate || lag.p99() > SATURATION_LAG_NANOS;
        return new Arrivals("rate", rate, actual.length, lag, achieved, saturated);
    }

    /** A burst's figures: every login was due at the release; the lag is how long its thread took to wake. */
    static Arrivals burst(long release, long[] actual) {
        long[] intended = new long[actual.length];
        java.util.Arrays.fill(intended, release);
        Percentiles.Summary lag = Percentiles.summarize(lags(intended, actual));
        return new Arrivals("burst", Double.NaN, actual.length, lag, Double.NaN, false);
    }

    private static long[] lags(long[] intended, long[] actual) {
        if (intended.length != actual.length) {
            throw new IllegalArgumentException("one intended time per send");
        }
        long[] lags = new long[actual.length];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = Math.max(0, actual[i] - intended[i]);
        }
        return lags;
    }
}
