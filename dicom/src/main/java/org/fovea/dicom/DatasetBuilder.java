package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Builds a UTF-8 (ISO_IR 192) data set by attribute keyword and writes it as a Part 10 file: the
 * demo studies and the workstation's own secondary captures (screenshots) are written with it.
 */
public final class DatasetBuilder {

    public static final String CHARACTER_SET = "ISO_IR 192";
    private static final SpecificCharacterSet UTF8 = new SpecificCharacterSet(new String[] {CHARACTER_SET});

    private final AttributeList list = new AttributeList();

    public DatasetBuilder() {
        set("SpecificCharacterSet", CHARACTER_SET);
    }

    /** Sets a string-valued attribute (any VR written as text); several values make it multi-valued. */
    public DatasetBuilder set(String keyword, String... values) {
        Attribute a = create(keyword);
        try {
            for (String v : values) {
                a.addValue(v);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Sets a binary integer attribute (US, SS, UL, SL). */
    public DatasetBuilder setInt(String keyword, int value) {
        Attribute a = create(keyword);
        try {
            a.addValue(value);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Adds a sequence with one item built by the given builder. */
    public DatasetBuilder sequence(String keyword, DatasetBuilder item) {
        SequenceAttribute seq = new SequenceAttribute(tag(keyword));
        item.list.remove(TagFromName.SpecificCharacterSet);
        seq.addItem(item.list);
        list.put(seq);
        return this;
    }

    /** Adds a sequence without items, for type 2 sequences that have nothing to say. */
    public DatasetBuilder emptySequence(String keyword) {
        list.put(new SequenceAttribute(tag(keyword)));
        return this;
    }

    /** An item for {@link #sequence}; it shares the data set's character set. */
    public static DatasetBuilder item() {
        DatasetBuilder b = new DatasetBuilder();
        b.list.remove(TagFromName.SpecificCharacterSet);
        return b;
    }

    /** 16-bit pixel data (OW). */
    public DatasetBuilder pixels(short[] values) {
        OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
        return putPixels(a, () -> a.setValues(values));
    }

    /** 8-bit pixel data (OB), e.g. RGB colour-by-pixel samples. */
    public DatasetBuilder pixelBytes(byte[] values) {
        OtherByteAttribute a = new OtherByteAttribute(TagFromName.PixelData);
        return putPixels(a, () -> a.setValues(values));
    }

    private interface PixelSetter {
        void set() throws DicomException;
    }

    private DatasetBuilder putPixels(Attribute a, PixelSetter setter) {
        try {
            setter.set();
        } catch (DicomException e) {
            throw new IllegalArgumentException("pixel data: " + e.getMessage(), e);
        }
        list.put(a);
        return this;
    }

    /** Writes Explicit VR Little Endian with a meta header, through a temp file and a rename. */
    public void write(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "FOVEA");
            list.write(temp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        } catch (DicomException e) {
            throw new IllegalStateException("Cannot encode " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private Attribute create(String keyword) {
        try {
            return list.putNewAttribute(tag(keyword), UTF8);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
    }

    private static AttributeTag tag(String keyword) {
        AttributeTag t = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        if (t == null) {
            throw new IllegalArgumentException("not a DICOM keyword: " + keyword);
        }
        return t;
    }
}
