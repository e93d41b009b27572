package org.fovea.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** UIDs under the 2.25 root from UUIDs (PS3.5 B.2): unique without a registered root. */
public final class Uids {

    private Uids() {
    }

    /** A new UID for a new instance or series. */
    public static String random() {
        return of(UUID.randomUUID());
    }

    /** The same UID every time for the same name: for objects that must be found again by what they are. */
    public static String fromName(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** The UID of a UUID. */
    public static String of(UUID u) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
