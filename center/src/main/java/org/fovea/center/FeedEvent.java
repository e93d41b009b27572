package org.fovea.center;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a request's trace as the center pushes it to the workstations that may see the
 * request ({@code GET /api/events}, server-sent events), with where the request now stands.
 *
 * @param id the event's number: a workstation reconnecting asks for what came after the last it saw
 */
public record FeedEvent(long id, UUID requestId, String clientRequestId, RequestState state, String what,
                        String detail, Instant at) {
}
