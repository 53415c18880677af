package io.wegate.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the relying parties got after an offboarding event, against what they should have got: one logout token per
 * (relying party, {@code sid}) that got an ID token. Latencies are from {@code t0} (just before the administrator's
 * change) to each token's arrival; a duplicate is a second token for a pair already told.
 *
 * @param expected (relying party, sid) pairs that should be told
 * @param received tokens that arrived
 * @param delivered expected pairs told at least once
 * @param duplicates tokens beyond the first for a pair
 * @param missing expected pairs never told
 * @param unexpected tokens for a pair that was not expected (or without a readable sid)
 * @param tokensPerSid how many distinct sids got how many tokens (over every relying party): {3: 1000} when each of
 *     1,000 logins told its 3 relying parties once
 * @param latency per-token latency from t0, nanoseconds (first token of each pair)
 * @param lastNanos t0 to the last first-token, nanoseconds: the time until the last relying party was told
 */
record OffboardingTally(
        int expected,
        int received,
        int delivered,
        int duplicates,
        int missing,
        int unexpected,
        Map<Integer, Integer> tokensPerSid,
        Percentiles.Summary latency,
        long lastNanos) {

    static OffboardingTally of(Set<String> expectedPairs, List<BackChannelReceivers.Arrival> arrivals, long t0) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perSid = new HashMap<>();
        int duplicates = 0;
        int unexpected = 0;
        long[] latencies = new long[arrivals.size()];
        int n = 0;
        long last = 0;
        for (BackChannelReceivers.Arrival a : arrivals) {
            String pair = pair(a.receiver(), a.sid());
            if (a.sid() == null || !expectedPairs.contains(pair)) {
                unexpected++;
                continue;
            }
            perSid.merge(a.sid(), 1, Integer::sum);
            if (!seen.add(pair)) {
                duplicates++;
                continue;
            }
            long latency = a.nanos() - t0;
            latencies[n++] = latency;
            last = Math.max(last, latency);
        }
        Map<Integer, Integer> histogram = new TreeMap<>();
        perSid.values().forEach(c -> histogram.merge(c, 1, Integer::sum));
        return new OffboardingTally(
                expectedPairs.size(),
                arrivals.size(),
                seen.size(),
                duplicates,
                expectedPairs.size() - seen.size(),
                unexpected,
                histogram,
                Percentiles.summarize(java.util.Arrays.copyOf(latencies, n)),
                last);
    }

    /** The key of one (relying party, sid) pair. */
    static String pair(int receiver, String sid) {
        return receiver + " " + sid;
    }
}
