package org.fovea.app.view;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads DICOM DA/TM strings and shows them in the ISO form used in both languages (2024-03-15, 14:05). */
public final class DicomDates {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private DicomDates() {
    }

    public static Optional<LocalDate> parseDate(String da) {
        if (da == null || da.length() < 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(da.substring(0, 8), DA));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
