package io.wegate.server.offboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs a periodic job on one instance of a cluster at a time, through the database all instances share: an instance
 * takes the job's lease with one conditional update (the job is due, and no lease is held or the holder's expired),
 * runs it, and records the run.
 */
@Component
class JobLease {

    private final JdbcClient jdbc;
    private final String holder = UUID.randomUUID().toString();

    JobLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lease of {@code job} when its last run is at least {@code every} old; true when this instance has it. */
    boolean take(String job, Duration every, Duration lease, Instant now) {
        try {
            jdbc.sql("insert into job_lease (name, holder, lease_until, last_run_at) values (?, null, 0, 0)")
                    .param(job)
                    .update();
        } catch (DuplicateKeyException exists) {
            // created by another instance or an earlier run
        }
        return jdbc.sql("update job_lease set holder = ?, lease_until = ? where name = ? and last_run_at <= ?"
                                + " and (holder is null or lease_until < ?)")
                        .params(
                                holder,
                                now.plus(lease).toEpochMilli(),
                                job,
                                now.minus(every).toEpochMilli(),
                                now.toEpochMilli())
                        .update()
                == 1;
    }

    /** Records the run and gives the lease back. */
    void done(String job, Instant ranAt) {
        jdbc.sql("update job_lease set holder = null, lease_until = 0, last_run_at = ? where name = ? and holder = ?")
                .params(ranAt.toEpochMilli(), job, holder)
                .update();
    }

    /** Gives the lease back after a failed run, so that another instance may try at once. */
    void release(String job) {
        jdbc.sql("update job_lease set holder = null, lease_until = 0 where name = ? and holder = ?")
                .params(job, holder)
                .update();
    }
}
