package org.fovea.reporting.alert;

import org.fovea.reporting.ReportingDatabase;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongConsumer;

/**
 * Hears of alert changes made on any workstation of the department: on PostgreSQL by LISTEN on
 * {@link CriticalAlerts#CHANNEL} (the NOTIFY arrives when the change commits), on the embedded H2
 * by asking every half second whether an alert event was added. Either way within two seconds;
 * the callback runs on the watch's own daemon thread with the changed alert's id (0 when unknown).
 */
public final class AlertWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);
    private static final int WAIT_MS = 500;

    private final Thread thread;
    private volatile boolean running = true;

    private AlertWatch(ReportingDatabase db, LongConsumer changed) {
        thread = new Thread(() -> run(db, changed), "fovea-alert-watch");
        thread.setDaemon(true);
    }

    public static AlertWatch start(ReportingDatabase db, LongConsumer changed) {
        AlertWatch w = new AlertWatch(db, changed);
        w.thread.start();
        return w;
    }

    private void run(ReportingDatabase db, LongConsumer changed) {
        while (running) {
            try {
                if (db.postgres()) {
                    listen(db, changed);
                } else {
                    poll(db, changed);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Watching the alerts failed ({}); trying again in 2 s", e.toString());
                    sleep(2000);
                }
            }
        }
    }

    private void listen(ReportingDatabase db, LongConsumer changed) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("LISTEN " + CriticalAlerts.CHANNEL);
            PGConnection pg = c.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] got = pg.getNotifications(WAIT_MS);
                if (got != null) {
                    for (PGNotification n : got) {
                        changed.accept(parse(n.getParameter()));
                    }
                }
            }
        }
    }

    private void poll(ReportingDatabase db, LongConsumer changed) {
        CriticalAlerts alerts = new CriticalAlerts(db);
        long seen = alerts.lastChange();
        while (running) {
            sleep(WAIT_MS);
            long now = alerts.lastChange();
            if (now != seen) {
                seen = now;
                changed.accept(0);
            }
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
