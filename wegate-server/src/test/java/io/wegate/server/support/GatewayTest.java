package io.wegate.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A gateway on a random port in sandbox mode, its sandbox on another random port, an in-memory H2
 * database: everything real but the WeCom on the other side. Test classes with the same extra
 * properties share one running gateway.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wegate.sandbox.port=0",
            "spring.datasource.url=jdbc:h2:mem:wegate-${random.uuid};DB_CLOSE_DELAY=-1",
            "wegate.data-dir=target/test-data",
            // the suite's many deliberate failures from 127.0.0.1 would trip the limit; LoginRateLimitTest sets it
            "wegate.login.failed-logins-per-minute=0",
            // nor would the thousands of logins some tests start; LoginRateLimitTest sets it
            "wegate.login.starts-per-minute=0",
            "wegate.management.password=" + Gateway.OPERATOR_PASSWORD,
            "wegate.admin.token=" + Gateway.ADMIN_TOKEN,
            // tests run the reconciliation pass themselves (Reconciliation.run), never on a timer
            "wegate.reconciliation.interval=0"
        })
@Import(TestClockConfiguration.class)
public @interface GatewayTest {}
