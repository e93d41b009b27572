package org.fovea.dicom.series;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Why a series cannot be shown in 3D, for the user: a {@link Reason} the UI translates, with the
 * values that make it specific (slice numbers count from 1, as the viewer shows them).
 */
public final class NotAVolumeException extends Exception {

    /** Each reason's English text, {@link MessageFormat} style; the UI has them in its bundles too. */
    public enum Reason {
        TOO_FEW_SLICES("the series has {0} image(s); 3D needs at least 3 slices"),
        NOT_DECODED("image {0} could not be decoded ({1})"),
        NOT_GRAYSCALE("image {0} is colour; 3D needs grayscale images"),
        SIZE_DIFFERS("image {0} is {1}, the others {2}"),
        NO_GEOMETRY("image {0} has no position or orientation in the patient"),
        ORIENTATION_DIFFERS("image {0} is oriented differently from image 1 (a localizer or another plane?)"),
        PIXEL_SPACING_DIFFERS("image {0} has another pixel spacing than image 1"),
        RESCALE_DIFFERS("image {0} has another rescale slope or intercept than image 1"),
        SAME_POSITION("images {0} and {1} are at the same position (several acquisitions in one series?)"),
        UNEVEN_SPACING("slice spacing is uneven: {0} mm between images {1} and {2}, {3} mm elsewhere (missing slices?)"),
        NOT_ON_A_LINE("the slices do not lie along one line (image {0} is {1} mm off it)"),
        TOO_LARGE("the series is too large to hold in memory as one volume ({0} MB)");

        private final String english;

        Reason(String english) {
            this.english = english;
        }

        public String english() {
            return english;
        }
    }

    private final Reason reason;
    private final transient Object[] arguments;

    public NotAVolumeException(Reason reason, Object... arguments) {
        super(new MessageFormat(reason.english, Locale.ROOT).format(arguments));
        this.reason = reason;
        this.arguments = arguments.clone();
    }

    public Reason reason() { return reason; }

    /** The values in the reason's text, in order. */
    public Object[] arguments() { return arguments.clone(); }
}
