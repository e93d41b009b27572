package org.fovea.center;

import java.time.Instant;
import java.util.List;

/**
 * A request forwarded for consultation (会诊转发, D4): who asked which expert group what, whether it
 * is still open, and the thread of opinions, oldest first.
 */
public record Consultation(long id, String askedBy, String group, String question, boolean open, Instant askedAt,
                           Instant closedAt, List<Opinion> opinions) {

    public Consultation {
        opinions = List.copyOf(opinions == null ? List.of() : opinions);
    }

    /** One opinion in the thread: who (login and name), what, when. */
    public record Opinion(String login, String name, String text, Instant at) {
    }
}
