package org.fovea.center.server;

import org.fovea.center.CenterRequest;
import org.fovea.center.RequestState;
import org.fovea.center.Role;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What the center asks back of the requesting hospital instead of, or before, a report (D7): the
 * request returned with the reason (the images cannot be read, it is not the center's field), or
 * more images asked for (追加摄片), and the hospital's answer to that: the extra images announced,
 * after which the request takes images again and, once they are all held, goes back to the same
 * expert. Each is a trace line, pushed to the hospital, and the reason is the request's
 * {@link CenterRequest#note}.
 */
public final class Returns {

    /** Where a request may be returned or asked for more from: received, with an expert, being read. */
    private static final Set<RequestState> OPEN = EnumSet.of(RequestState.RECEIVED, RequestState.ASSIGNED,
            RequestState.IN_REVIEW);

    private final Requests requests;

    public Returns(DataSource db) {
        this.requests = new Requests(db);
    }

    /** The assigned expert or a coordinator returns the request to the hospital, with the reason. */
    public CenterRequest giveBack(Account who, String workstation, UUID id, String reason) {
        String why = reason(reason, "say why the request is returned");
        return requests.change(who, id, (c, r) -> {
            mayAsk(who, r);
            Jdbc.execute(c, "UPDATE requests SET state = 'RETURNED', hospital_note = ?, updated_at = ? WHERE id = ?",
                    why, now(), id);
            Requests.event(c, id, who, workstation, "RETURNED", why);
        });
    }

    /** The assigned expert or a coordinator asks the hospital for more images (追加摄片), saying which. */
    public CenterRequest askForImages(Account who, String workstation, UUID id, String reason) {
        String what = reason(reason, "say which images are asked for");
        return requests.change(who, id, (c, r) -> {
            mayAsk(who, r);
            Jdbc.execute(c, "UPDATE requests SET hospital_note = ?, updated_at = ? WHERE id = ?", what, now(), id);
            Requests.event(c, id, who, workstation, "IMAGES_ASKED", what);
        });
    }

    /**
     * The hospital announces that the request now has {@code total} images (the extra ones
     * included): the request takes images again; announcing the same total again changes nothing.
     */
    public CenterRequest announce(Account who, String workstation, UUID id, Integer total) {
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("the requesting hospital's doctors announce its images");
        }
        if (total == null || total < 0 || total > Requests.MAX_IMAGES) {
            throw ApiException.badRequest("\"images\" must be the request's new total, 0 to " + Requests.MAX_IMAGES);
        }
        return requests.change(who, id, (c, r) -> {
            if (total <= r.announcedImages()) {
                return;
            }
            if (!OPEN.contains(r.state()) && r.state() != RequestState.RECEIVING) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + ": no more images are taken");
            }
            Jdbc.execute(c, "UPDATE requests SET announced_images = ?, state = 'RECEIVING', hospital_note = '', "
                    + "updated_at = ? WHERE id = ?", total, now(), id);
            Requests.event(c, id, who, workstation, "MORE_IMAGES", (total - r.announcedImages())
                    + " more images announced (" + total + " in all)");
        });
    }

    private static void mayAsk(Account who, CenterRequest r) {
        boolean coordinator = who.role() == Role.COORDINATOR || who.role() == Role.ADMIN;
        if (!coordinator && !(who.role() == Role.EXPERT && who.login().equals(r.assignedTo()))) {
            throw ApiException.forbidden("only the request's expert or a coordinator asks this of the hospital");
        }
        if (!OPEN.contains(r.state())) {
            throw new ApiException(409, "request " + r.id() + " is " + r.state().name().toLowerCase()
                    + ": nothing can be asked of the hospital now");
        }
    }

    private static String reason(String reason, String hint) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("\"reason\" is missing: " + hint);
        }
        if (reason.length() > 2000) {
            throw ApiException.badRequest("\"reason\" is longer than 2000 characters");
        }
        return reason.strip();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
