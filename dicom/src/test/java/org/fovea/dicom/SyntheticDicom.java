package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnsignedShortAttribute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes test images the corpus lacks, through PixelMed, as ordinary Part 10 files. */
final class SyntheticDicom {
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final AttributeList list = new AttributeList();

    private SyntheticDicom() {
    }

    /** A grayscale image, {@code columns x rows x frames}, with the Image Pixel module filled in. */
    static SyntheticDicom gray(int columns, int rows, int bitsAllocated, int bitsStored, boolean signed, String photometric) {
        return image(columns, rows, 1, bitsAllocated, bitsStored, signed, photometric);
    }

    static SyntheticDicom colour(int columns, int rows, String photometric, int planar) {
        return image(columns, rows, 3, 8, 8, false, photometric).set(TagFromName.PlanarConfiguration, planar);
    }

    private static SyntheticDicom image(int columns, int rows, int samples, int bitsAllocated, int bitsStored,
                                        boolean signed, String photometric) {
        int n = SERIAL.incrementAndGet();
        return new SyntheticDicom()
                .set(TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7")
                .set(TagFromName.SOPInstanceUID, "1.2.826.0.1.3680043.9.7433.1." + n)
                .set(TagFromName.StudyInstanceUID, "1.2.826.0.1.3680043.9.7433.2." + n)
                .set(TagFromName.SeriesInstanceUID, "1.2.826.0.1.3680043.9.7433.3." + n)
                .set(TagFromName.Modality, "OT")
                .set(TagFromName.PatientName, "Synthetic^Test")
                .set(TagFromName.PatientID, "SYN" + n)
                .set(TagFromName.Rows, rows)
                .set(TagFromName.Columns, columns)
                .set(TagFromName.SamplesPerPixel, samples)
                .set(TagFromName.PhotometricInterpretation, photometric)
                .set(TagFromName.BitsAllocated, bitsAllocated)
                .set(TagFromName.BitsStored, bitsStored)
                .set(TagFromName.HighBit, bitsStored - 1)
                .set(TagFromName.PixelRepresentation, signed ? 1 : 0);
    }

    SyntheticDicom set(AttributeTag tag, Object... values) {
        list.put(attribute(tag, values));
        return this;
    }

    SyntheticDicom put(Attribute attribute) {
        list.put(attribute);
        return this;
    }

    SyntheticDicom remove(AttributeTag tag) {
        list.remove(tag);
        return this;
    }

    SyntheticDicom words(short[] samples) {
        try {
            OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
            a.setValues(samples);
            list.put(a);
            return this;
        } catch (DicomException e) {
            throw new AssertionError(e);
        }
    }

    SyntheticDicom bytes(byte[] samples) {
        try {
            OtherByteAttribute a = new OtherByteAttribute(TagFromName.PixelData);
            a.setValues(samples);
            list.put(a);
            return this;
        } catch (DicomException e) {
            throw new AssertionError(e);
        }
    }

    /** A sequence with the given items at the top level. */
    SyntheticDicom sequence(AttributeTag tag, AttributeList... items) {
        SequenceAttribute s = new SequenceAttribute(tag);
        for (AttributeList item : items) {
            s.addItem(item);
        }
        list.put(s);
        return this;
    }

    /** An item for {@link #sequence}: alternating tags and values (Object[] for several values). */
    static AttributeList item(Object... tagsAndValues) {
        AttributeList item = new AttributeList();
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            Object v = tagsAndValues[i + 1];
            if (v instanceof Attribute a) {
                item.put(a);
            } else if (v instanceof AttributeList[] nested) {
                SequenceAttribute s = new SequenceAttribute((AttributeTag) tagsAndValues[i]);
                for (AttributeList n : nested) s.addItem(n);
                item.put(s);
            } else {
                item.put(attribute((AttributeTag) tagsAndValues[i], v instanceof Object[] many ? many : new Object[]{v}));
            }
        }
        return item;
    }

    /** A LUT Descriptor with the VR given explicitly: US/SS is ambiguous in the dictionary. */
    static Attribute descriptor(AttributeTag tag, int entries, int firstMapped, int bits, boolean signedFirst) {
        try {
            Attribute a = signedFirst ? new SignedShortAttribute(tag) : new UnsignedShortAttribute(tag);
            a.addValue(entries);
            a.addValue(firstMapped);
            a.addValue(bits);
            return a;
        } catch (DicomException e) {
            throw new AssertionError(e);
        }
    }

    static Attribute lutData(AttributeTag tag, int[] entries) {
        try {
            OtherWordAttribute a = new OtherWordAttribute(tag);
            short[] s = new short[entries.length];
            for (int i = 0; i < s.length; i++) s[i] = (short) entries[i];
            a.setValues(s);
            return a;
        } catch (DicomException e) {
            throw new AssertionError(e);
        }
    }

    private static Attribute attribute(AttributeTag tag, Object... values) {
        try {
            Attribute a = AttributeFactory.newAttribute(tag);
            for (Object v : values) {
                if (v instanceof Integer i) a.addValue(i);
                else if (v instanceof Double d) a.addValue(d);
                else a.addValue(v.toString());
            }
            return a;
        } catch (DicomException e) {
            throw new AssertionError(e);
        }
    }

    Path write(Path dir, String name) {
        return write(dir, name, EXPLICIT_LE);
    }

    Path write(Path dir, String name, String transferSyntax) {
        Path file = dir.resolve(name);
        try {
            FileMetaInformation.addFileMetaInformation(list, transferSyntax, "FOVEATEST");
            list.write(file.toFile(), transferSyntax, true, true);
            return file;
        } catch (IOException | DicomException e) {
            throw new AssertionError(e);
        }
    }
}
