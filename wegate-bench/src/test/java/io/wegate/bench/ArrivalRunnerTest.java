package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open loop's and the burst's bookkeeping with a flow that makes no call: which login was due when, and that none
 * is sent before it is due. No assertion on how long anything took.
 */
class ArrivalRunnerTest {

    /** A flow whose steps only record that they ran; every login succeeds. */
    private static final class FakeFlow implements LoginFlow {

        final ConcurrentLinkedQueue<String> steps = new ConcurrentLinkedQueue<>();
        final boolean withStart;

        FakeFlow(boolean withStart) {
            this.withStart = withStart;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String startStep() {
            return withStart ? "GET /start" : null;
        }

        @Override
        public String loginStep() {
            return "POST /login";
        }

        @Override
        public String app() {
            return "none";
        }

        @Override
        public List<String> users() {
            return List.of("zhangsan", "lisi");
        }

        @Override
        public void start(LoginAttempt attempt) {
            steps.add("start " + attempt.user);
        }

        @Override
        public void mint(LoginAttempt attempt) {
            attempt.code = "code";
            steps.add("mint " + attempt.user);
        }

        @Override
        public void login(LoginAttempt attempt) {
            steps.add("login " + attempt.user);
            attempt.loginNanos = 1;
            attempt.succeeded = true;
        }
    }

    private static BatchRunner.Run run(FakeFlow flow, Completions completions, String... args) {
        DriverOptions options = DriverOptions.parse(args);
        LoginFlowClient client = new LoginFlowClient(
                LoginFlowClient.newHttpClient(), JsonMapper.builder().build(), options);
        BatchRunner batches = new BatchRunner(options, client, ProcessCpu.NONE, System.nanoTime() + 60_000_000_000L);
        return new ArrivalRunner(options, batches, ProcessCpu.NONE)
                .run(flow, options.logins(), new AtomicInteger(), completions);
    }

    @Test
    void runWhenOpenLoopThenLoginIIsDueAtT0PlusIOverRAndNeverSentBeforeItIsDue() {
        FakeFlow flow = new FakeFlow(true);
        Completions completions = Completions.none();
        BatchRunner.Run run = run(flow, completions, "--rate", "2000", "--logins", "20");
        List<LoginAttempt> attempts = run.attempts();
        assertThat(attempts).hasSize(20).allMatch(a -> a.succeeded);
        long t0 = attempts.getFirst().intendedNanos;
        for (int i = 0; i < attempts.size(); i++) {
            LoginAttempt a = attempts.get(i);
            assertThat(a.intendedNanos - t0).isEqualTo(Arrivals.offsetNanos(i, 2000));
            assertThat(a.sendNanos).isGreaterThanOrEqualTo(a.intendedNanos);
            // the latency counts from when it was due, so it holds the send lag too
            assertThat(a.loginNanos).isGreaterThanOrEqualTo(a.sendNanos - a.intendedNanos);
        }
        assertThat(run.arrivals().mode()).isEqualTo("rate");
        assertThat(run.arrivals().sent()).isEqualTo(20);
        assertThat(completions.count()).isEqualTo(20);
        // every start step and code came before the first login
        List<String> steps = List.copyOf(flow.steps);
        int firstLogin = steps.indexOf(
                steps.stream().filter(s -> s.startsWith("login")).findFirst().orElseThrow());
        assertThat(steps.subList(0, firstLogin)).hasSize(40);
    }

    @Test
    void runWhenBurstThenEveryLoginIsDueAtTheOneReleaseAndTheInvalidationFollowsTheNthCompletion() {
        FakeFlow flow = new FakeFlow(false);
        AtomicInteger invalidations = new AtomicInteger();
        Completions completions = new Completions(5, invalidations::incrementAndGet);
        BatchRunner.Run run = run(flow, completions, "--burst", "50", "--invalidate-after", "5");
        List<LoginAttempt> attempts = run.attempts();
        assertThat(attempts).hasSize(50).allMatch(a -> a.succeeded);
        long release = attempts.getFirst().intendedNanos;
        assertThat(attempts).allMatch(a -> a.intendedNanos == release && a.sendNanos >= release);
        assertThat(run.arrivals().mode()).isEqualTo("burst");
        assertThat(run.windowStartEpochMillis()).isPositive();
        assertThat(invalidations).hasValue(1);
        assertThat(completions.count()).isEqualTo(50);
    }
}
