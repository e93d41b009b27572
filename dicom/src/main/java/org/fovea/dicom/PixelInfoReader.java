package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.ModalityLut;
import org.fovea.render.ModalityLutTable;
import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.Voi;
import org.fovea.render.VoiFunction;
import org.fovea.render.VoiLutTable;
import org.fovea.render.WindowLevel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the modality and VOI transformations of a grayscale image from its header: Modality
 * LUT Sequence or Rescale Slope/Intercept/Type, windows with explanations and VOI LUT Function,
 * and VOI LUT Sequence tables. Enhanced multi-frame instances carry them in functional groups.
 */
final class PixelInfoReader {
    private static final Logger LOG = LoggerFactory.getLogger(PixelInfoReader.class);
    // PixelMed's TagFromName lacks the Modality LUT module's tags
    private static final AttributeTag MODALITY_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3000);
    private static final AttributeTag MODALITY_LUT_TYPE = new AttributeTag(0x0028, 0x3004);

    private PixelInfoReader() {
    }

    static PixelInfo read(Path file, AttributeList list, PixelFormat format, int frameIndex) throws DicomReadException {
        boolean monochrome1 = format.photometric().equals("MONOCHROME1");
        if (format.colour() || format.photometric().equals("PALETTE COLOR")) {
            return new PixelInfo(false, ModalityLut.identity(), List.of());
        }
        ModalityLut modality = modalityLut(file, list, format, frameIndex);
        List<Voi> vois = new ArrayList<>();
        AttributeList windows = list.get(TagFromName.WindowCenter) != null
                ? list : FunctionalGroups.macro(list, frameIndex, TagFromName.FrameVOILUTSequence);
        if (windows != null) {
            vois.addAll(windows(file, windows));
        }
        vois.addAll(voiLuts(file, list, format));
        return new PixelInfo(monochrome1, modality, vois);
    }

    private static ModalityLut modalityLut(Path file, AttributeList list, PixelFormat format, int frameIndex)
            throws DicomReadException {
        if (list.get(MODALITY_LUT_SEQUENCE) instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0) {
            AttributeList item = seq.getItem(0).getAttributeList();
            LookupTables.Table t = LookupTables.read(file, "the Modality LUT", item, TagFromName.LUTDescriptor,
                    TagFromName.LUTData, format.signed());
            String type = Attribute.getSingleStringValueOrEmptyString(item, MODALITY_LUT_TYPE).trim();
            return new ModalityLutTable(t.firstMapped(), t.data(), t.bits(), type);
        }
        AttributeList rescale = list.get(TagFromName.RescaleSlope) != null || list.get(TagFromName.RescaleIntercept) != null
                ? list : FunctionalGroups.macro(list, frameIndex, TagFromName.PixelValueTransformationSequence);
        if (rescale == null) {
            return ModalityLut.identity();
        }
        double slope = number(file, rescale, TagFromName.RescaleSlope, "Rescale Slope", 1.0);
        double intercept = number(file, rescale, TagFromName.RescaleIntercept, "Rescale Intercept", 0.0);
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new DicomReadException(file, "Rescale Slope " + slope + " / Intercept " + intercept
                    + " cannot map stored values to modality values");
        }
        String type = Attribute.getSingleStringValueOrEmptyString(rescale, TagFromName.RescaleType).trim();
        return new Rescale(slope, intercept, type);
    }

    /**
     * A single number, or {@code absent} when the attribute is missing or empty. A value that is
     * there but not a number refuses the image ({@link DicomNumbers}): read as PixelMed reads it, a
     * damaged Rescale Intercept would be 0, and every HU shown would be off by 1024.
     */
    private static double number(Path file, AttributeList list, AttributeTag tag, String name, double absent)
            throws DicomReadException {
        Attribute a = list.get(tag);
        try {
            double[] values = DicomNumbers.of(a);
            if (values == null) {
                return absent;
            }
            if (values.length > 0) {
                return values[0];
            }
        } catch (DicomException | NumberFormatException e) {
            // reported below with the value as written
        }
        throw new DicomReadException(file, name + " \"" + a.getDelimitedStringValuesOrEmptyString().trim()
                + "\" is not a number");
    }

    private static List<Voi> windows(Path file, AttributeList list) {
        List<Voi> out = new ArrayList<>();
        try {
            Attribute c = list.get(TagFromName.WindowCenter);
            Attribute w = list.get(TagFromName.WindowWidth);
            if (c == null || w == null) {
                return out;
            }
            double[] centers = DicomNumbers.of(c);
            double[] widths = DicomNumbers.of(w);
            if (centers == null || widths == null) {
                return out;
            }
            Attribute e = list.get(TagFromName.WindowCenterWidthExplanation);
            String[] explanations = e == null ? null : e.getStringValues();
            VoiFunction function = VoiFunction.fromDicom(
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.VOILUTFunction));
            for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
                // a window the standard forbids (LINEAR needs width >= 1, the others > 0) is left
                // out rather than failing the image: the user can still window by hand
                boolean valid = function == VoiFunction.LINEAR ? widths[i] >= 1 : widths[i] > 0;
                if (valid && Double.isFinite(centers[i])) {
                    String explanation = explanations != null && i < explanations.length ? explanations[i].trim() : "";
                    out.add(new WindowLevel(widths[i], centers[i], function, explanation));
                }
            }
            return out;
        } catch (DicomException | NumberFormatException ex) {
            // the window is a display default: the image is shown with a window of its own
            // values, or the one the user gives, instead of being refused
            LOG.warn("{}: the window values cannot be read ({}); showing the image without them", file, ex.getMessage());
            return List.of();
        }
    }

    private static List<Voi> voiLuts(Path file, AttributeList list, PixelFormat format) throws DicomReadException {
        List<Voi> out = new ArrayList<>();
        if (list.get(TagFromName.VOILUTSequence) instanceof SequenceAttribute seq) {
            for (int i = 0; i < seq.getNumberOfItems(); i++) {
                AttributeList item = seq.getItem(i).getAttributeList();
                LookupTables.Table t = LookupTables.read(file, "VOI LUT " + (i + 1), item, TagFromName.LUTDescriptor,
                        TagFromName.LUTData, format.signed());
                String explanation = Attribute.getSingleStringValueOrEmptyString(item, TagFromName.LUTExplanation).trim();
                out.add(new VoiLutTable(t.firstMapped(), t.data(), t.bits(), explanation));
            }
        }
        return out;
    }
}
