package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The rate a multi-frame image was recorded at (cine, V23): Frame Time (0018,1063, ms per frame),
 * else the mean of Frame Time Vector (0018,1065) after its first entry (the first frame's is 0),
 * else Recommended Display Frame Rate (0008,2144), else Cine Rate (0018,0040). Only the header is
 * read, up to the pixel data.
 */
public final class FrameTiming {

    private static final com.pixelmed.dicom.AttributeTag FRAME_TIME_VECTOR = new com.pixelmed.dicom.AttributeTag(0x0018, 0x1065);
    private static final com.pixelmed.dicom.AttributeTag RECOMMENDED_DISPLAY_FRAME_RATE =
            new com.pixelmed.dicom.AttributeTag(0x0008, 0x2144);
    private static final com.pixelmed.dicom.AttributeTag CINE_RATE = new com.pixelmed.dicom.AttributeTag(0x0018, 0x0040);

    private FrameTiming() {
    }

    /** Frames per second as the file records it; empty when it says nothing usable. */
    public static OptionalDouble recordedRate(Path file) throws DicomReadException {
        AttributeList list = new AttributeList();
        try {
            list.read(file.toString(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(file, "not a readable DICOM file (" + e.getMessage() + ")", e);
        }
        return rate(list);
    }

    static OptionalDouble rate(AttributeList list) {
        double frameTime = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.FrameTime, 0);
        if (frameTime > 0) {
            return OptionalDouble.of(1000 / frameTime);
        }
        double[] vector = Attribute.getDoubleValues(list, FRAME_TIME_VECTOR);
        if (vector != null && vector.length > 1) {
            double sum = 0;
            for (int i = 1; i < vector.length; i++) {
                sum += vector[i];
            }
            if (sum > 0) {
                return OptionalDouble.of(1000 * (vector.length - 1) / sum);
            }
        }
        for (com.pixelmed.dicom.AttributeTag tag : new com.pixelmed.dicom.AttributeTag[] {
                RECOMMENDED_DISPLAY_FRAME_RATE, CINE_RATE}) {
            double r = Attribute.getSingleDoubleValueOrDefault(list, tag, 0);
            if (r > 0) {
                return OptionalDouble.of(r);
            }
        }
        return OptionalDouble.empty();
    }
}
