package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.ParsedInstance;

import java.nio.file.Path;
import java.util.List;

/**
 * An object received whole into a receive folder, with the first fragments of its data set as
 * they came off the association: whoever stores it reads the header from those, not from the
 * file again.
 */
record ReceivedFile(Path path, String sopInstanceUid, List<byte[]> head, String transferSyntaxUid) {

    /** The header, from the first fragments (from the file when it runs on past them). */
    ParsedInstance parse() throws DicomReadException {
        return ParsedInstance.read(path, head, transferSyntaxUid);
    }
}
