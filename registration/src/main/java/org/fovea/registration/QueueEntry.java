package org.fovea.registration;

/**
 * A checked-in exam in its room's queue: who, which exam, where it stands (WAITING, CALLED, DONE),
 * how many times it was called and skipped, and by whom it was last called.
 */
public record QueueEntry(long id, String accessionNumber, String room, String state, String priority,
                         String patientId, String patientName, String procedure, int calls, int skips,
                         String calledBy, long calledMs) {
}
