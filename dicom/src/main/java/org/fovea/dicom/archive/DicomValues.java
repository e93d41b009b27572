package org.fovea.dicom.archive;

import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.regex.Pattern;

/** Lenient parsing of the DICOM values the archive indexes; unusable values become null. */
final class DicomValues {

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\.?(\\d{2})\\.?(\\d{2})");
    private static final Pattern UID = Pattern.compile("[0-9A-Za-z._-]{1,64}");

    private DicomValues() {
    }

    /** A DA value; also accepts the yyyy.MM.dd form of old ACR-NEMA files, which still circulate. */
    static LocalDate date(String da) {
        var m = DATE.matcher(da.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Integer integer(String is) {
        String s = is.trim();
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether a UID can safely name a file or directory. Slightly malformed UIDs (leading zeros,
     * letters) are common in the wild and harmless here; separators and "." / ".." are not.
     */
    static boolean usableAsFileName(String uid) {
        return UID.matcher(uid).matches() && !uid.equals(".") && !uid.equals("..");
    }
}
