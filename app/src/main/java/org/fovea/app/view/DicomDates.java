package org.fovea.app.view;

import org.fovea.dicom.DicomDate;

import java.time.LocalDate;
import java.util.Optional;

/** Reads DICOM DA/TM strings and shows them in the ISO form used in both languages (2024-03-15, 14:05). */
public final class DicomDates {

    private DicomDates() {
    }

    /** The date of a DA value, read by the archive's own rule ({@link DicomDate}). */
    public static Optional<LocalDate> parseDate(String da) {
        return DicomDate.parse(da);
    }

    /** yyyy-MM-dd, or the raw value when it is not a valid DA (shown rather than hidden). */
    public static String formatDate(String da) {
        return parseDate(da).map(LocalDate::toString).orElse(da == null ? "" : da.trim());
    }

    /** HH:mm from a TM value (HHmmss.ffffff); empty when too short to say. */
    public static String formatTime(String tm) {
        if (tm == null) {
            return "";
        }
        String t = tm.trim().replace(":", "");
        if (t.length() < 4 || !Character.isDigit(t.charAt(0))) {
            return "";
        }
        return t.substring(0, 2) + ":" + t.substring(2, 4);
    }
}
