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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the modality and VOI transformations of a grayscale image from its header: Modality
 * LUT Sequence or Rescale Slope/Intercept/Type, windows with explanations and VOI LUT Function,
 * and VOI LUT Sequence tables. Enhanced multi-frame instances carry them in functional groups.
 */
final class PixelInfoReader {
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
        double slope = Attribute.getSingleDoubleValueOrDefault(rescale, TagFromName.RescaleSlope, 1.0);
        double intercept = Attribute.getSingleDoubleValueOrDefault(rescale, TagFromName.RescaleIntercept, 0.0);
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new DicomReadException(file, "Rescale Slope " + slope + " / Intercept " + intercept
                    + " cannot map stored values to modality values");
        }
        String type = Attribute.getSingleStringValueOrEmptyString(rescale, TagFromName.RescaleType).trim();
        return new Rescale(slope, intercept, type);
    }

    private static List<Voi> windows(Path file, AttributeList list) throws DicomReadException {
        List<Voi> out = new ArrayList<>();
        try {
            Attribute c = list.get(TagFromName.WindowCenter);
            Attribute w = list.get(TagFromName.WindowWidth);
            if (c == null || w == null) {
                return out;
            }
            double[] centers = c.getDoubleValues();
            double[] widths = w.getDoubleValues();
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
        } catch (DicomException ex) {
            throw new DicomReadException(file, "the window values cannot be read (" + ex.getMessage() + ")", ex);
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
