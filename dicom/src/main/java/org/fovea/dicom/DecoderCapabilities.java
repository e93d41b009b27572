package org.fovea.dicom;

import java.util.Set;

/** The transfer syntaxes the pixel decoder handles; kept next to the decoder and proven by its tests. */
final class DecoderCapabilities {
    private static final Set<String> DECODED = Set.of(
            "1.2.840.10008.1.2",
            "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2",
            "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.5",
            "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70");

    private DecoderCapabilities() {
    }

    static boolean decodes(String uid) {
        return DECODED.contains(uid);
    }
}
