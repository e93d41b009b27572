package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;

import java.nio.file.Path;

/** Reads a lookup table given as a three-value LUT Descriptor and its LUT Data (PS3.3 C.11.1.1.1). */
final class LookupTables {

    /** A table: input {@code firstMapped} maps to {@code data[0]}; entries are {@code bits} wide. */
    record Table(int firstMapped, int[] data, int bits) {
    }

    private LookupTables() {
    }

    /**
     * @param signedFirstMapped whether the first-mapped value is a signed 16-bit number when its
     *                          VR does not say so (US/SS is ambiguous in Implicit VR files);
     *                          DICOM ties it to the signedness of the table's input
     */
    static Table read(Path file, String what, AttributeList list, AttributeTag descriptorTag, AttributeTag dataTag,
                      boolean signedFirstMapped) throws DicomReadException {
        Attribute descriptor = list.get(descriptorTag);
        Attribute data = list.get(dataTag);
        try {
            int[] d = descriptor == null ? null : descriptor.getIntegerValues();
            if (d == null || d.length != 3) {
                throw new DicomReadException(file, what + " has no valid three-value LUT Descriptor");
            }
            int entries = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
            int first = d[1];
            boolean descriptorIsSigned = "SS".equals(new String(descriptor.getVR(), java.nio.charset.StandardCharsets.US_ASCII));
            if ((signedFirstMapped || descriptorIsSigned) && first > Short.MAX_VALUE) {
                first -= 65536;
            }
            int bits = d[2];
            if (bits < 1 || bits > 16) {
                throw new DicomReadException(file, what + " has " + bits + " bits per entry (1 to 16 allowed)");
            }
            short[] words = data == null ? null : data.getShortValues();
            if (words == null || words.length == 0) {
                throw new DicomReadException(file, what + " has no LUT Data");
            }
            int[] table = new int[entries];
            int mask = (1 << bits) - 1;
            if (bits <= 8 && entries > 1 && words.length == (entries + 1) / 2) {
                // 8-bit entries packed two to a 16-bit word, first entry in the low byte
                for (int i = 0; i < entries; i++) {
                    int w = words[i / 2] & 0xFFFF;
                    table[i] = ((i & 1) == 0 ? w : w >>> 8) & mask;
                }
            } else if (words.length >= entries) {
                for (int i = 0; i < entries; i++) {
                    table[i] = words[i] & mask;
                }
            } else {
                throw new DicomReadException(file, what + " has " + words.length + " LUT Data values for "
                        + entries + " entries");
            }
            return new Table(first, table, bits);
        } catch (DicomException e) {
            throw new DicomReadException(file, what + " cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
