package dev.hpo.study.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.hpo.embedded.HpoInfrastructure;
import dev.hpo.embedded.HpoTestInfrastructure;

/** A plain JDBC connection to the test database, for what a test needs to read or plant directly. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() {
        try {
            return DriverManager.getConnection(
                    HpoTestInfrastructure.get().postgres().jdbcUrl(HpoInfrastructure.DATABASE), "postgres", "");
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to the test database failed", e);
        }
    }
}
