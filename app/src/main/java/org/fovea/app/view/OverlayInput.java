package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.Voi;

/**
 * What the four-corner overlay shows for one viewport at one moment.
 *
 * @param header      the header of the shown slice, or of any slice of the series while the shown
 *                    one is still decoding (patient and study lines are the same for all)
 * @param sliceLoaded whether {@code header} belongs to the shown slice; slice lines wait otherwise
 * @param imageIndex  0-based index of the shown image in the stack
 * @param imageCount  images in the stack
 * @param voi         the window in effect, or null while nothing is displayed
 * @param zoom        screen pixels per image pixel
 * @param anonymous   whether the patient's identity is hidden (a teaching session, P8): no name,
 *                    ID, birth date or accession on the image
 */
public record OverlayInput(ImageHeader header, boolean sliceLoaded, int imageIndex, int imageCount,
                           Voi voi, double zoom, boolean anonymous) {

    public OverlayInput(ImageHeader header, boolean sliceLoaded, int imageIndex, int imageCount, Voi voi, double zoom) {
        this(header, sliceLoaded, imageIndex, imageCount, voi, zoom, false);
    }
}
