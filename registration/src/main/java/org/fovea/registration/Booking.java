package org.fovea.registration;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * An exam booked on a device at a slot of a day, the visit it belongs to (the exams of one visit
 * share a slot), the technician on shift then, and the Study Instance UID its images will carry.
 */
public record Booking(String accessionNumber, String deviceCode, LocalDate day, LocalTime slot, String visit,
                      String technician, String studyUid) {
}
