package dev.hpo.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server from the zonky binaries on Maven Central, with its data in a directory of our choosing, so
 * that a restart keeps every study. PostgreSQL refuses to run as root; as root on Linux, zonky starts it in a new
 * user namespace ({@code unshare -U}), where it is not root, so the same code runs in CI (root) and on a laptop.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final DirectoryLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, DirectoryLock lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one) with its cluster in {@code directory}/data. */
    public static EmbeddedPostgresServer start(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        DirectoryLock lock = DirectoryLock.acquire(directory, "postgres");
        try {
            Path data = directory.resolve("data");
            Path work = Files.createDirectories(directory.resolve("binaries"));
            removeStalePid(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.find() : port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedPostgresServer(postgres, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A server killed with {@code kill -9} leaves its pid file behind. Our directory lock proves no server of ours
     * runs on this directory any more, so the file is stale and would only make the next start fail.
     */
    private static void removeStalePid(Path data) throws IOException {
        Files.deleteIfExists(data.resolve("postmaster.pid"));
    }

    /** Creates {@code name} unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a lower-case SQL identifier: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + name + " failed", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The URL form the Vert.x reactive client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }
}
