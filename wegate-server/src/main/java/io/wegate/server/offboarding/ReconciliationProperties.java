package io.wegate.server.offboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reconciliation pass ({@code wegate.reconciliation.*}).
 *
 * @param interval how often each WeCom app's visible members are compared with wegate's identities (default 6 h;
 *     {@code 0} turns the pass off)
 * @param maxDepartments the most departments one pass reads per app (one {@code user/list} call each); an app that
 *     sees more is not reconciled (a partial view must not end anyone's access) and says so in the log
 */
@ConfigurationProperties("wegate.reconciliation")
public record ReconciliationProperties(Duration interval, Integer maxDepartments) {

    public ReconciliationProperties {
        if (interval == null) {
            interval = Duration.ofHours(6);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("wegate.reconciliation.interval must not be negative");
        }
        if (!interval.isZero() && interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "wegate.reconciliation.interval must be at least 1 minute (each pass spends WeCom API calls), or 0"
                            + " to turn it off");
        }
        if (maxDepartments == null) {
            maxDepartments = 500;
        }
        if (maxDepartments < 1) {
            throw new IllegalArgumentException("wegate.reconciliation.max-departments must be at least 1");
        }
    }
}
