package io.wegate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads every column of every table of the gateway's database, to show what is (not) stored. */
public final class StoredValues {

    private StoredValues() {}

    /** Asserts that no column of any table holds any of {@code secrets}; returns the rows read. */
    public static int assertNoneStored(DataSource dataSource, List<String> secrets) {
        assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(20));
        int rows = 0;
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet t = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    String name = t.getString("TABLE_NAME");
                    if (!name.toLowerCase(java.util.Locale.ROOT).startsWith("flyway")) {
                        tables.add(name);
                    }
                }
            }
            assertThat(tables).anyMatch(t -> t.equalsIgnoreCase("oidc_authorization"));
            for (String table : tables) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("select * from " + table)) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        rows++;
                        for (int i = 1; i <= n; i++) {
                            String value = r.getString(i);
                            if (value == null) {
                                continue;
                            }
                            for (String secret : secrets) {
                                assertThat(value)
                                        .as("%s.%s", table, r.getMetaData().getColumnName(i))
                                        .doesNotContain(secret);
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
