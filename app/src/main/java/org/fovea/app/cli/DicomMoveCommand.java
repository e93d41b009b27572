package org.fovea.app.cli;

import org.fovea.dicom.net.RetrieveMethod;
import picocli.CommandLine.Command;

/** C-MOVE: the PACS opens an association back to our AE title, so it must know it as a destination. */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Retrieve a study or series into the local archive with C-MOVE "
        + "(the PACS sends to our AE title and port from the settings).")
final class DicomMoveCommand extends DicomRetrieveCommand {
    @Override
    RetrieveMethod method() { return RetrieveMethod.C_MOVE; }
}
