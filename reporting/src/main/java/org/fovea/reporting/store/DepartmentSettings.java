package org.fovea.reporting.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The department's settings (sign-off levels, turnaround deadlines, critical values), each a JSON
 * value by name in {@code department_settings}, shared by every workstation; a change is audited
 * in its own transaction.
 */
public final class DepartmentSettings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource db;
    private final Clock clock;

    public DepartmentSettings(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The value of a setting, or {@code otherwise} when the department has not set it. */
    public <T> T get(String name, Type type, T otherwise) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT json FROM department_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                JavaType t = JSON.getTypeFactory().constructType(type);
                return rs.next() ? JSON.readValue(rs.getString(1), t) : otherwise;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot read the department setting " + name + ": " + e.getMessage(), e);
        }
    }

    public void put(String name, Object value, Actor by) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String json = JSON.writeValueAsString(value);
                try (PreparedStatement del = c.prepareStatement("DELETE FROM department_settings WHERE name = ?")) {
                    del.setString(1, name);
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO department_settings (name, json, updated_ms) VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, json);
                    ps.setLong(3, clock.millis());
                    ps.executeUpdate();
                }
                new AuditLog(db, clock).append(c, by, AuditAction.SETTINGS_CHANGED, "settings", name, json);
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot store the department setting " + name + ": " + e.getMessage(), e);
        }
    }
}
