package org.fovea.center.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import org.fovea.center.CenterJson;
import org.fovea.center.FeedEvent;
import org.fovea.center.RequestState;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes each request's trace lines, as they are committed, to the workstations that may see the
 * request ({@code GET /api/events}, server-sent events): a hospital's workstations learn at once
 * that their request was received, assigned or reported. Every instance listens to PostgreSQL
 * ({@code LISTEN request_events}, announced by a trigger at commit), so a line written through one
 * instance reaches the workstations connected to any. A workstation that reconnects sends the
 * last event id it saw and gets what followed; what a dropped connection may still hide, the
 * workstation's periodic look at its requests finds, so the push is the fast way, not the only one.
 */
final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    /** A comment this often keeps idle connections (and the proxies on the way) open. */
    private static final long HEARTBEAT_MS = 15_000;
    private static final int REPLAY_LIMIT = 1000;

    private record Listener(SseClient client, Account who) {
    }

    private record Line(FeedEvent event, long hospitalId, String assignedTo, String group) {
    }

    private final DataSource db;
    private final CenterConfig config;
    private final ObjectMapper json = CenterJson.mapper();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection listening;

    EventFeed(DataSource db, CenterConfig config) {
        this.db = db;
        this.config = config;
        this.thread = new Thread(this::run, "center-event-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Keeps a workstation's connection open, first sending what came after {@code since} (0: nothing past). */
    void connect(SseClient client, Account who, long since) {
        client.keepAlive();
        Listener l = new Listener(client, who);
        listeners.add(l);
        client.onClose(() -> listeners.remove(l));
        client.sendComment("connected");
        if (since > 0) {
            for (Line line : lines("e.id > ? ORDER BY e.id LIMIT " + REPLAY_LIMIT, since)) {
                deliver(l, line);
            }
        }
    }

    private void run() {
        long heartbeat = System.currentTimeMillis();
        while (running) {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                 Statement s = c.createStatement()) {
                s.execute("LISTEN request_events");
                listening = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] n = pg.getNotifications((int) HEARTBEAT_MS);
                    if (n != null && n.length > 0) {
                        List<Long> ids = new ArrayList<>();
                        for (PGNotification x : n) {
                            ids.add(Long.parseLong(x.getParameter()));
                        }
                        dispatch(ids);
                    }
                    if (System.currentTimeMillis() - heartbeat >= HEARTBEAT_MS) {
                        heartbeat = System.currentTimeMillis();
                        for (Listener l : listeners) {
                            send(l, () -> l.client().sendComment(""));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("The event feed lost its database connection; listening again in 1 s: {}", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void dispatch(List<Long> ids) {
        if (listeners.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        for (Line line : lines("e.id IN (" + marks + ") ORDER BY e.id", ids.toArray())) {
            for (Listener l : listeners) {
                deliver(l, line);
            }
        }
    }

    private void deliver(Listener l, Line line) {
        if (!visible(l.who(), line)) {
            return;
        }
        send(l, () -> {
            try {
                l.client().sendEvent("request", json.writeValueAsString(line.event()), String.valueOf(line.event().id()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void send(Listener l, Runnable sending) {
        if (l.client().terminated()) {
            listeners.remove(l);
            return;
        }
        try {
            synchronized (l) {
                sending.run();
            }
        } catch (RuntimeException e) {
            listeners.remove(l);
            l.client().close();
        }
    }

    /** The same rule as a request's visibility ({@link Requests}), on the row the event came with. */
    private static boolean visible(Account who, Line line) {
        return switch (who.role()) {
            case DOCTOR -> line.hospitalId() == who.hospitalId();
            case EXPERT -> who.login().equals(line.assignedTo()) || (line.assignedTo() == null
                    && !line.group().isEmpty() && line.group().equals(who.group())
                    && line.event().state() == RequestState.RECEIVED);
            case COORDINATOR, ADMIN -> true;
            case RESEARCHER -> false;
        };
    }

    private List<Line> lines(String where, Object... params) {
        return Jdbc.query(db, "SELECT e.id, e.request_id, r.client_request_id, r.state, e.what, e.detail, e.at, "
                + "r.hospital_id, x.login, r.expert_group FROM request_events e JOIN requests r ON r.id = e.request_id "
                + "LEFT JOIN accounts x ON x.id = r.assigned_to WHERE " + where, rs -> new Line(new FeedEvent(
                rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), RequestState.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), rs.getLong(8), rs.getString(9),
                rs.getString(10)), params);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many workstations are connected (for the health check and tests). */
    int connected() {
        return listeners.size();
    }

    @Override
    public void close() {
        running = false;
        for (Listener l : listeners) {
            l.client().close();
        }
        listeners.clear();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
