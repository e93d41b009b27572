package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import java.nio.file.Path;
import java.util.Locale;

/** The Image Pixel module of one instance: how its stored samples are laid out. */
record PixelFormat(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated,
                   int bitsStored, int highBit, boolean signed, String photometric, int planarConfiguration) {

    static PixelFormat of(Path file, AttributeList list) throws DicomReadException {
        int rows = integer(list, TagFromName.Rows);
        int columns = integer(list, TagFromName.Columns);
        int samples = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1));
        int bitsAllocated = integer(list, TagFromName.BitsAllocated);
        int bitsStored = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, bitsAllocated);
        int highBit = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.HighBit, bitsStored - 1);
        boolean signed = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1;
        String photometric = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation)
                .trim().toUpperCase(Locale.ROOT);
        if (photometric.isEmpty()) {
            photometric = samples == 3 ? "RGB" : "MONOCHROME2";
        }
        int planar = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0);
        int frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));

        if (rows <= 0 || columns <= 0) {
            throw new DicomReadException(file, "the image has no pixel size (Rows " + rows + ", Columns " + columns + ")");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new DicomReadException(file, "Bits Allocated " + bitsAllocated + " is not supported (only 8 and 16)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new DicomReadException(file, "inconsistent Bits Stored " + bitsStored + " / High Bit " + highBit
                    + " for Bits Allocated " + bitsAllocated);
        }
        if (samples != 1 && samples != 3) {
            throw new DicomReadException(file, "Samples per Pixel " + samples + " is not supported (only 1 and 3)");
        }
        boolean colour = samples == 3;
        switch (photometric) {
            case "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR" -> {
                if (colour) {
                    throw new DicomReadException(file, photometric + " with 3 samples per pixel is not a valid image");
                }
            }
            case "RGB", "YBR_FULL", "YBR_FULL_422" -> {
                if (!colour) {
                    throw new DicomReadException(file, photometric + " with 1 sample per pixel is not a valid image");
                }
                if (bitsAllocated != 8) {
                    throw new DicomReadException(file, "colour images with " + bitsAllocated
                            + " bits per sample are not supported (only 8)");
                }
            }
            default -> throw new DicomReadException(file, "Photometric Interpretation " + photometric + " is not supported");
        }
        return new PixelFormat(rows, columns, frames, samples, bitsAllocated, bitsStored, highBit, signed, photometric, planar);
    }

    private static int integer(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleIntegerValueOrDefault(list, tag, 0);
    }

    int pixelsPerFrame() {
        return rows * columns;
    }

    boolean colour() {
        return samplesPerPixel == 3;
    }

    /** Bytes one uncompressed frame occupies; YBR_FULL_422 keeps two chroma samples per two pixels. */
    long bytesPerFrame() {
        long samples = photometric.equals("YBR_FULL_422") ? 2L * pixelsPerFrame() : (long) pixelsPerFrame() * samplesPerPixel;
        return samples * (bitsAllocated / 8);
    }
}
