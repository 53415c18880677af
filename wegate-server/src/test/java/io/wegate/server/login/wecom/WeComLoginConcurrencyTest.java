package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A gateway of its own, so that its token cache starts cold. */
@GatewayTest
@TestPropertySource(properties = "wegate.test.context=concurrency")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeComLoginConcurrencyTest {

    private static final String[] MEMBERS = {"zhangsan", "lisi", "wangwu", "zhaoliu", "sunqi"};

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Test
    @Order(1)
    void loginWhenTwoHundredConcurrentOnColdCacheThenExactlyOneGettoken() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        assertThat(gateway.gettokenCalls()).isZero();

        List<Http.Answer> answers = concurrentLogins(gateway, 200);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(gateway.gettokenCalls()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void loginWhenUpstreamInvalidatesTokenEarlyThenOneRefreshAndNoFailedLogin() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        gateway.loginAs("zhangsan");
        long before = gateway.gettokenCalls();
        sandbox.invalidateTokens();

        List<Http.Answer> answers = concurrentLogins(gateway, 100);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(gateway.gettokenCalls() - before).isEqualTo(1);
    }

    @Test
    @Order(3)
    void loginWhenSameMemberLogsInTwiceAtOnceForTheFirstTimeThenOneAccount() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        // members of the fixture who have not logged in yet in this context
        List<String> fresh = sandbox.fixture().members().stream()
                .filter(m -> m.active())
                .map(m -> m.userid())
                .filter(u -> !List.of(MEMBERS).contains(u))
                .toList();
        assertThat(fresh).isNotEmpty();
        for (String userid : fresh) {
            String c1 = gateway.code(userid);
            String c2 = gateway.code(userid);
            String s1 = gateway.newState();
            String s2 = gateway.newState();
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Http.Answer> a = pool.submit(() -> {
                    together.await();
                    return gateway.login(c1, s1);
                });
                Future<Http.Answer> b = pool.submit(() -> {
                    together.await();
                    return gateway.login(c2, s2);
                });
                Http.Answer ra = a.get();
                Http.Answer rb = b.get();
                assertThat(ra.status()).as(ra.body()).isEqualTo(200);
                assertThat(rb.status()).as(rb.body()).isEqualTo(200);
                assertThat(ra.json().get("account").get("id").asString())
                        .isEqualTo(rb.json().get("account").get("id").asString());
            }
        }
    }

    private List<Http.Answer> concurrentLogins(Gateway gateway, int n) throws Exception {
        // codes and states first, so that the burst is only the logins
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new String[] {gateway.code(MEMBERS[i % MEMBERS.length]), gateway.newState()});
        }
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Http.Answer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String[] p : pairs) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return gateway.http()
                            .postJson(
                                    gateway.base() + "/api/v1/login/wecom",
                                    Map.of("code", p[0], "state", p[1], "state_verifier", Gateway.verifierOf(p[1])));
                }));
            }
            List<Http.Answer> answers = new ArrayList<>();
            for (Future<Http.Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        }
    }
}
