package org.fovea.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fovea dicom …}: talks DICOM to a PACS, a modality or a worklist server. */
@Command(name = "dicom", mixinStandardHelpOptions = true, description = "DICOM networking: echo, find, get, move, send, listen, worklist.",
        subcommands = {DicomEchoCommand.class, DicomFindCommand.class, DicomGetCommand.class, DicomMoveCommand.class,
                DicomSendCommand.class, DicomListenCommand.class, DicomWorklistCommand.class})
final class DicomCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    Path home() {
        return parent.home();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: echo, find, get, move, send, listen or worklist.");
    }
}
