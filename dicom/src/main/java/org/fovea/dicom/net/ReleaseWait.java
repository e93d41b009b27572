package org.fovea.dicom.net;

/**
 * For DICOM services outside this package that serve PixelMed associations themselves (the
 * modality worklist): PixelMed waits its full ARTIM time (5 s) after answering a release before it
 * closes, holding the serving thread; {@link #shorten()} makes it close at once, as
 * {@link Associations} does for this package's listeners.
 */
public final class ReleaseWait {

    private ReleaseWait() {
    }

    /** Closes released associations at once (idempotent). */
    public static void shorten() {
        Associations.shortenReleaseWait();
    }
}
