package org.fovea.dicom.marks;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FloatSingleAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.ShortTextAttribute;
import com.pixelmed.dicom.SignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

/**
 * The presentation state attributes (group 0070 and a few others, PS3.6) that the PixelMed in
 * Debian has no names for, with their value representations.
 */
final class PsTags {

    static final AttributeTag GRAPHIC_ANNOTATION_SEQUENCE = new AttributeTag(0x0070, 0x0001);
    static final AttributeTag GRAPHIC_LAYER = new AttributeTag(0x0070, 0x0002);
    static final AttributeTag ANCHOR_POINT_ANNOTATION_UNITS = new AttributeTag(0x0070, 0x0004);
    static final AttributeTag GRAPHIC_ANNOTATION_UNITS = new AttributeTag(0x0070, 0x0005);
    static final AttributeTag UNFORMATTED_TEXT_VALUE = new AttributeTag(0x0070, 0x0006);
    static final AttributeTag TEXT_OBJECT_SEQUENCE = new AttributeTag(0x0070, 0x0008);
    static final AttributeTag GRAPHIC_OBJECT_SEQUENCE = new AttributeTag(0x0070, 0x0009);
    static final AttributeTag ANCHOR_POINT = new AttributeTag(0x0070, 0x0014);
    static final AttributeTag ANCHOR_POINT_VISIBILITY = new AttributeTag(0x0070, 0x0015);
    static final AttributeTag GRAPHIC_DIMENSIONS = new AttributeTag(0x0070, 0x0020);
    static final AttributeTag NUMBER_OF_GRAPHIC_POINTS = new AttributeTag(0x0070, 0x0021);
    static final AttributeTag GRAPHIC_DATA = new AttributeTag(0x0070, 0x0022);
    static final AttributeTag GRAPHIC_TYPE = new AttributeTag(0x0070, 0x0023);
    static final AttributeTag GRAPHIC_FILLED = new AttributeTag(0x0070, 0x0024);
    static final AttributeTag DISPLAYED_AREA_TOP_LEFT = new AttributeTag(0x0070, 0x0052);
    static final AttributeTag DISPLAYED_AREA_BOTTOM_RIGHT = new AttributeTag(0x0070, 0x0053);
    static final AttributeTag DISPLAYED_AREA_SELECTION_SEQUENCE = new AttributeTag(0x0070, 0x005A);
    static final AttributeTag GRAPHIC_LAYER_SEQUENCE = new AttributeTag(0x0070, 0x0060);
    static final AttributeTag GRAPHIC_LAYER_ORDER = new AttributeTag(0x0070, 0x0062);
    static final AttributeTag GRAPHIC_LAYER_DESCRIPTION = new AttributeTag(0x0070, 0x0068);
    static final AttributeTag PRESENTATION_SIZE_MODE = new AttributeTag(0x0070, 0x0100);
    static final AttributeTag PRESENTATION_PIXEL_SPACING = new AttributeTag(0x0070, 0x0101);
    static final AttributeTag PRESENTATION_PIXEL_ASPECT_RATIO = new AttributeTag(0x0070, 0x0102);
    static final AttributeTag PRESENTATION_PIXEL_MAGNIFICATION_RATIO = new AttributeTag(0x0070, 0x0103);
    static final AttributeTag TRACKING_ID = new AttributeTag(0x0062, 0x0020);
    static final AttributeTag SOFTCOPY_VOI_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3110);

    private PsTags() {
    }

    static void cs(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        add(list, new CodeStringAttribute(tag), values);
    }

    static void ds(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        add(list, new DecimalStringAttribute(tag), values);
    }

    static void is(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        add(list, new IntegerStringAttribute(tag), values);
    }

    static void lo(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        add(list, new LongStringAttribute(tag), values);
    }

    static void ut(AttributeList list, AttributeTag tag, String value) throws DicomException {
        add(list, new com.pixelmed.dicom.UnlimitedTextAttribute(tag), value);
    }

    static void st(AttributeList list, AttributeTag tag, String value) throws DicomException {
        add(list, new ShortTextAttribute(tag), value);
    }

    static void sl(AttributeList list, AttributeTag tag, int... values) throws DicomException {
        Attribute a = new SignedLongAttribute(tag);
        for (int v : values) {
            a.addValue(v);
        }
        list.put(a);
    }

    static void us(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    static void fl(AttributeList list, AttributeTag tag, float... values) throws DicomException {
        Attribute a = new FloatSingleAttribute(tag);
        for (float v : values) {
            a.addValue(v);
        }
        list.put(a);
    }

    private static void add(AttributeList list, Attribute a, String... values) throws DicomException {
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
    }
}
