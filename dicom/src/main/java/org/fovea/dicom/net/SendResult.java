package org.fovea.dicom.net;

import java.nio.file.Path;

/** The outcome of sending one file: {@code status} is "stored", or why it was not. */
public record SendResult(Path file, boolean ok, String status) {
}
