package org.fovea.reporting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The department database the reports (and later users, queues, alerts) live in: the embedded
 * H2 file under the workstation's home when it stands alone, or the department's PostgreSQL
 * when configured, so every workstation of the department reads and writes the same reports.
 * Opening it brings its tables up to date (Flyway, {@code db/migration/reporting}).
 */
public final class ReportingDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean postgres;

    private ReportingDatabase(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /** The embedded database of a workstation standing alone: {@code home/db/department}. */
    public static ReportingDatabase embedded(Path home) {
        Path dir = home.resolve("db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        // AUTO_SERVER: a CLI command and the open workstation may share the file
        return open("jdbc:h2:file:" + dir.resolve("department") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000", "sa", "");
    }

    /** A database by JDBC URL: {@code jdbc:postgresql://host:port/db} or an H2 URL. */
    public static ReportingDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("fovea-department");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the department database " + jdbcUrl + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/reporting").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("Cannot bring the department database " + jdbcUrl + " up to date: "
                    + e.getMessage(), e);
        }
        return new ReportingDatabase(pool, jdbcUrl.startsWith("jdbc:postgresql:"));
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Whether it is PostgreSQL (the few statements that differ between the two ask this). */
    public boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }
}
