package org.fovea.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reader of DICOM DA values (PS3.5 §6.2: {@code YYYYMMDD}) for the archive index, the
 * study list, the overlays and the network tabs alike, so a date the list shows is the date the
 * index searched on.
 *
 * <p>Accepted: eight digits that make a calendar date, and the {@code YYYY.MM.DD} form of
 * ACR-NEMA 2.0 files, which still circulate in old archives; padding spaces are trimmed.
 * Everything else — ranges, partial dates, a time glued to the date, 20240230 — is no date:
 * guessing would put a study on the wrong day in a search.
 */
public final class DicomDate {

    private static final Pattern DA = Pattern.compile("(\\d{4})\\.?(\\d{2})\\.?(\\d{2})");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private DicomDate() {
    }

    public static Optional<LocalDate> parse(String da) {
        if (da == null) {
            return Optional.empty();
        }
        var m = DA.matcher(da.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The DA form of a date ({@code 20240315}). */
    public static String format(LocalDate date) {
        return date.format(BASIC);
    }
}
