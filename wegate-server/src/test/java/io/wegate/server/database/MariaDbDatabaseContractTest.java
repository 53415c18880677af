package io.wegate.server.database;

import io.wegate.server.support.TestClockConfiguration;
import io.wegate.server.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The database contract on MariaDb. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wegate.sandbox.port=0")
@Import(TestClockConfiguration.class)
class MariaDbDatabaseContractTest extends DatabaseContract {

    static final TestDatabases.Db DB = TestDatabases.mariadb();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::url);
        r.add("spring.datasource.username", DB::user);
        r.add("spring.datasource.password", DB::password);
    }
}
