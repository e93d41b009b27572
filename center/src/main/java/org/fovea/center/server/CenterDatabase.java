package org.fovea.center.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The center's PostgreSQL: a connection pool, and the schema brought up to date by Flyway
 * ({@code db/migration/center}) when an instance starts; instances starting together take turns
 * (Flyway locks the schema history).
 */
public final class CenterDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private CenterDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    public static CenterDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(16);
        c.setPoolName("center");
        HikariDataSource pool = new HikariDataSource(c);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/center").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new CenterDatabase(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
