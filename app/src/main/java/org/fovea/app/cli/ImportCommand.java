package org.fovea.app.cli;

import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportFailure;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Imports files and folders into the local archive; exits 1 when any file could not be imported. */
@Command(name = "import", description = "Import DICOM files and folders into the local archive.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders (searched recursively).")
    private List<Path> paths;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError(p + ": no such file or folder");
            }
        }
        var out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(LibraryOutput.terminal(), "importing");
        CancelToken cancel = new CancelToken();
        // Ctrl-C stops between files: what was imported stays, nothing half-written is left
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        ImportReport report;
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            report = archive.importPaths(paths,
                    (done, total, current) -> progress.update(done, total, current == null ? "" : current.getFileName().toString()),
                    cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting on Ctrl-C: the hook has run
            }
        }
        out.printf("imported %d, duplicates skipped %d, failed %d%s%n", report.imported(), report.duplicates(),
                report.failures().size(), report.cancelled() ? " (cancelled)" : "");
        for (ImportFailure f : report.failures()) {
            out.printf("  skipped %s: %s%n", f.file(), f.reason());
        }
        out.flush();
        return report.failures().isEmpty() && !report.cancelled() ? 0 : 1;
    }
}
