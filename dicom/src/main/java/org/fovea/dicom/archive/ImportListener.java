package org.fovea.dicom.archive;

import java.nio.file.Path;

/** Follows an import; called on the importing thread, so a UI must hand the values over itself. */
@FunctionalInterface
public interface ImportListener {

    /**
     * Called with the number of files handled and the total found: once before the first, after
     * each file with the one just handled, and once more at the end with {@code current} null.
     */
    void progress(int done, int total, Path current);

    static ImportListener none() {
        return (done, total, current) -> { };
    }
}
