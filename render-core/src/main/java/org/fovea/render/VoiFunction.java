package org.fovea.render;

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.2/3. */
public enum VoiFunction {
    LINEAR, LINEAR_EXACT, SIGMOID;

    /** Parses the DICOM defined term; anything unknown or empty is LINEAR, as the standard says. */
    public static VoiFunction fromDicom(String s) {
        if (s == null) return LINEAR;
        return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> LINEAR;
        };
    }
}
