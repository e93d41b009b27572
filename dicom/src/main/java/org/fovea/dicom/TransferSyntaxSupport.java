package org.fovea.dicom;

import java.util.Map;
import java.util.Optional;

/**
 * Which transfer syntaxes Fovea decodes. Each supported entry was checked against DCMTK's
 * decoding in the tests; anything else is refused with a message that names it.
 */
public final class TransferSyntaxSupport {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2", "Implicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1 (Process 14, Selection Value 1)"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
            Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K Lossless"));

    private TransferSyntaxSupport() {
    }

    /** A readable name with the UID, e.g. "JPEG 2000 (1.2.840.10008.1.2.4.91)". */
    public static String describe(String uid) {
        String name = NAMES.getOrDefault(uid, "unknown transfer syntax");
        return name + " (" + uid + ")";
    }

    /**
     * Empty when Fovea decodes this transfer syntax; otherwise the reason to show the user.
     * Filled from what the decoder proves in its tests.
     */
    public static Optional<String> unsupportedReason(String uid) {
        if (uid == null || uid.isEmpty()) {
            return Optional.of("no transfer syntax in the file meta information");
        }
        return DecoderCapabilities.decodes(uid)
                ? Optional.empty()
                : Optional.of("transfer syntax " + describe(uid) + " is not supported by this workstation's decoder");
    }
}
