package org.fovea.app.cli;

import org.fovea.dicom.net.RetrieveMethod;
import picocli.CommandLine.Command;

/** C-GET: the images come back on our own association; no port needs opening on this machine. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Retrieve a study or series into the local archive with C-GET.")
final class DicomGetCommand extends DicomRetrieveCommand {
    @Override
    RetrieveMethod method() { return RetrieveMethod.C_GET; }
}
