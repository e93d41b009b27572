package org.fovea.app.ui.report;

import java.nio.file.Path;

/**
 * An image of the study's library that the editor offers for the report: a key image (its note
 * in the caption) or a screenshot stored in the study (2D, MPR, VR), as a file and frame of the
 * local archive; frames are numbered from 1, as DICOM numbers them.
 */
public record LibraryImage(String caption, Path file, int frame, String sopInstanceUid, boolean key) {
}
