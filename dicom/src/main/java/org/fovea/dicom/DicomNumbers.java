package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StringAttribute;

/**
 * Numbers from attributes, refusing text that is not a number: PixelMed's {@code getDoubleValues}
 * turns each decimal or integer string it cannot parse into 0 without a word
 * ({@code ArrayCopyUtilities.copyStringToDoubleArray}), so a damaged Rescale Intercept would shift
 * every HU by 1024 and a damaged Image Position would move a slice to the origin.
 */
final class DicomNumbers {

    private DicomNumbers() {
    }

    /**
     * The attribute's values as numbers; null when it has none.
     *
     * @throws NumberFormatException when a value written as text is not a number
     */
    static double[] of(Attribute a) throws DicomException {
        if (a == null || a.getVM() == 0) {
            return null;
        }
        if (!(a instanceof StringAttribute)) {
            return a.getDoubleValues();
        }
        String[] text = a.getStringValues();
        double[] values = new double[text.length];
        for (int i = 0; i < text.length; i++) {
            values[i] = Double.parseDouble(text[i].trim());
        }
        return values;
    }
}
