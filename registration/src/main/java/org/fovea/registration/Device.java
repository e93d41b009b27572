package org.fovea.registration;

import java.time.LocalTime;

/**
 * A device of the department (T6): its room's queue, its modality and the Scheduled Station AE
 * Title it asks the worklist as, and its day cut into slots of {@code slotMinutes} that take
 * {@code capacity} exams each, from {@code opens} to {@code closes}.
 */
public record Device(String code, String name, String modality, String room, String stationAe, int slotMinutes,
                     int capacity, LocalTime opens, LocalTime closes, boolean active) {

    public Device {
        if (slotMinutes < 1 || capacity < 1) {
            throw new IllegalArgumentException("Device " + code + " needs slots of at least a minute and a capacity of "
                    + "at least one exam");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("Device " + code + " closes (" + closes + ") before it opens (" + opens
                    + ")");
        }
        if (stationAe.isBlank() || stationAe.length() > 16) {
            throw new IllegalArgumentException("Device " + code + " needs a station AE title of 1 to 16 characters");
        }
    }
}
