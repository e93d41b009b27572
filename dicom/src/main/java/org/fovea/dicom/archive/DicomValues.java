package org.fovea.dicom.archive;

import org.fovea.dicom.DicomDate;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** Lenient parsing of the DICOM values the archive indexes; unusable values become null. */
final class DicomValues {

    private static final Pattern UID = Pattern.compile("[0-9A-Za-z._-]{1,64}");

    private DicomValues() {
    }

    /** A DA value as {@link DicomDate} reads it, or null. */
    static LocalDate date(String da) {
        return DicomDate.parse(da).orElse(null);
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
