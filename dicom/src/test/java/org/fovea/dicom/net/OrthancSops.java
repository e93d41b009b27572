package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.HeaderReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SOP Instance UIDs of files, read with the workstation's own header reader. */
final class OrthancSops {
    private OrthancSops() {
    }

    static List<String> of(List<Path> files) throws DicomReadException {
        List<String> uids = new ArrayList<>();
        for (Path f : files) {
            uids.add(HeaderReader.read(f).sopInstanceUid());
        }
        return uids;
    }
}
