package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks the alternatives return the cached token without fetching again; times nothing. */
class AccessTokenCacheBenchmarkTest {

    @Test
    void benchmarkWhenPrimedThenEveryAlternativeReturnsItsCachedTokenWithoutFetching() {
        AccessTokenCacheBenchmark bench = new AccessTokenCacheBenchmark();
        bench.setUp();
        for (int i = 0; i < 3; i++) {
            assertThat(bench.wegate()).isEqualTo("bench-access-token-1");
            assertThat(bench.lockPerRead()).isEqualTo("bench-access-token-1");
            assertThat(bench.wxJavaDoubleChecked()).isEqualTo("bench-access-token-1");
            assertThat(bench.caffeineLoadingCache()).isEqualTo("bench-access-token-1");
        }
        bench.checkOnlyHitsWereMeasured();
    }
}
