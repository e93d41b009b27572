package org.fovea.center.client;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.fovea.center.client.OutboxSql.bind;
import static org.fovea.center.client.OutboxSql.event;
import static org.fovea.center.client.OutboxSql.now;
import static org.fovea.center.client.OutboxSql.string;
import static org.fovea.center.client.OutboxSql.update;

/**
 * Images added to a request already submitted (the extra images the center asked for, D7): queued
 * in the outbox, and the center told the request's new total before they are sent.
 */
final class AddedImages {

    private AddedImages() {
    }

    /**
     * Adds images to a request already submitted (the extra images the center asked for): those
     * not in it yet are hashed and queued, and the next pass tells the center the new total and
     * sends them.
     *
     * @return how many were added
     * @throws IOException naming a file that cannot be read
     */
    static int add(DataSource db, String clientRequestId, List<Outbox.Item> images) throws IOException {
        java.util.Set<String> known = new java.util.HashSet<>();
        OutboxSql.rows(db, "SELECT sop_instance_uid FROM outbox_images WHERE client_request_id = ?", clientRequestId)
                .forEach(r -> known.add(r[0]));
        List<String[]> rows = new ArrayList<>();
        for (Outbox.Item i : images) {
            if (!known.contains(i.sopInstanceUid())) {
                byte[] bytes = Files.readAllBytes(i.file());
                rows.add(new String[] {i.sopInstanceUid(), i.file().toString(),
                        HexFormat.of().formatHex(CenterClient.sha256(bytes)), String.valueOf(bytes.length)});
                known.add(i.sopInstanceUid());
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_images (client_request_id, "
                        + "sop_instance_uid, file_path, sha256, bytes, state) VALUES (?, ?, ?, ?, ?, 'PENDING')")) {
                    for (String[] r : rows) {
                        bind(ps, clientRequestId, r[0], r[1], r[2], Long.parseLong(r[3]));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                // what the center was told so far, before these: the count submitted, or the last total
                OutboxSql.execute(c, "UPDATE outbox_requests SET state = 'SENDING', last_error = '', updated_at = ?, "
                        + "announced = COALESCE(announced, ?) WHERE client_request_id = ?", now(),
                        known.size() - rows.size(), clientRequestId);
                event(c, clientRequestId, string(db, "SELECT submitted_by FROM outbox_requests WHERE client_request_id "
                        + "= ?", clientRequestId), "IMAGES_ADDED", rows.size() + " images added and queued");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
        return rows.size();
    }

    /** Tells the center the request's new total of images when images were added since it was last told. */
    static void announce(DataSource db, CenterClient client, String id, UUID centerId) throws CenterException {
        String told = string(db, "SELECT announced FROM outbox_requests WHERE client_request_id = ?", id);
        int total = Integer.parseInt(string(db, "SELECT COUNT(*) FROM outbox_images WHERE client_request_id = ?", id));
        if (told == null || total <= Integer.parseInt(told)) {
            return;
        }
        client.announce(centerId, total);
        update(db, "UPDATE outbox_requests SET announced = ? WHERE client_request_id = ?", total, id);
        event(db, id, "ANNOUNCED", "the center was told the request now has " + total + " images");
    }

}
