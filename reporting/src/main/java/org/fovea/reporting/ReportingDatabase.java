package org.fovea.reporting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    /**
     * The department's database as this workstation is configured: the PostgreSQL named by
     * {@code home/department.json} ({@code {"jdbcUrl": ..., "user": ..., "password": ...}}) when
     * that file exists, else the embedded one ({@link #embedded}).
     *
     * @throws IllegalStateException naming the file when it cannot be read or lacks {@code jdbcUrl}
     */
    public static ReportingDatabase forHome(Path home) {
        Path config = home.resolve("department.json");
        if (!Files.exists(config)) {
            return embedded(home);
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the department database settings " + config + ": "
                    + e.getMessage(), e);
        }
        if (json == null || !json.isObject() || !json.path("jdbcUrl").isTextual()
                || json.path("jdbcUrl").asText().isBlank()) {
            throw new IllegalStateException("The department database settings " + config
                    + " need a JSON object with \"jdbcUrl\" (and \"user\", \"password\"), e.g. "
                    + "{\"jdbcUrl\": \"jdbc:postgresql://pacs-db:5432/fovea\", \"user\": \"fovea\", \"password\": \"...\"}");
        }
        return open(json.get("jdbcUrl").asText(), json.path("user").asText(""), json.path("password").asText(""));
    }

    /**
     * The embedded database of a workstation standing alone: {@code home/db/department}.
     * {@code WRITE_DELAY=0}: H2 has no commit log; by default its background writer stores committed
     * changes up to 500 ms later, and a workstation killed in between lost its last autosaves (6 of
     * them in AutosaveCrashTest without this setting). With 0, every commit is written to the file.
     */
    public static ReportingDatabase embedded(Path home) {
        Path dir = home.resolve("db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        // AUTO_SERVER: a CLI command and the open workstation may share the file
        return open("jdbc:h2:file:" + dir.resolve("department") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "");
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
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        try {
            // the one type the two databases spell differently (V1__reports.sql says why)
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/reporting")
                    .placeholders(Map.of("blob", postgres ? "BYTEA" : "BLOB")).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("Cannot bring the department database " + jdbcUrl + " up to date: "
                    + e.getMessage(), e);
        }
        return new ReportingDatabase(pool, postgres);
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
