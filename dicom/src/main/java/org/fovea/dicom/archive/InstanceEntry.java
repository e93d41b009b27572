package org.fovea.dicom.archive;

import java.nio.file.Path;

/**
 * One stored file of a series. {@code sortKey} is Image Position (Patient) projected on the
 * slice normal (row x column direction of Image Orientation (Patient)), in mm; when a file lacks
 * either attribute it is the Instance Number, and {@code geometric} is false.
 * {@code instanceNumber} is null when absent.
 */
public record InstanceEntry(String sopInstanceUid, String sopClassUid, Path file, Integer instanceNumber,
                            double sortKey, boolean geometric, int rows, int columns, int frames,
                            String transferSyntaxUid) {
}
