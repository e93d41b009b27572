package org.fovea.dicom.archive;

/**
 * The archive itself failed (its database or its directory), as opposed to one bad input file,
 * which an import reports as an {@link ImportFailure} and skips.
 */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
