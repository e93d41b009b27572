package org.fovea.dicom.series;

import java.nio.file.Path;

/** A slice that could not be decoded; {@code reason} is null when only the log can say why. */
public record SliceFailure(Path file, String reason) {
}
