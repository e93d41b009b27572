package org.fovea.app.cli;

import org.fovea.app.upload.ExamUpload;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.registration.HandUpload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fovea upload ACC PATH...}: a technician's hand upload of images into an exam (T4). */
@Command(name = "upload", mixinStandardHelpOptions = true, description = {
        "Upload images by hand into an exam: DICOM files and folders (searched recursively) are matched to the exam "
                + "by accession number and stored in the local archive as `fovea import` stores them. Refused, each "
                + "with the reason: files of another patient ID, of another accession number, of a study that is "
                + "another exam's, and files that are not DICOM. A file without an accession number is stored as a "
                + "copy carrying the exam's; the files themselves are not changed. The exam's status is left as it is.",
        "Exit code: 0 when every file was uploaded or was in the archive already; 1 when any file was refused, the "
                + "upload was cancelled (Ctrl-C), or there is no such exam."})
final class UploadCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCESSION", description = "The exam's accession number.")
    private String accession;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders.")
    private List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(LibraryOutput.terminal(), "uploading");
        CancelToken cancel = new CancelToken();
        // Ctrl-C stops between files: what was stored stays, nothing half-written is left
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        ExamUpload.Report report;
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            report = ExamUpload.run(parent.home(), archive, accession, paths, (done, total, current) ->
                    progress.update(done, total, current == null ? "" : current.getFileName().toString()), cancel);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting on Ctrl-C: the hook has run
            }
        }
        for (HandUpload.Refused r : report.refused()) {
            out.println("refused " + r.message());
        }
        out.printf("uploaded %d image%s into exam %s (patient %s)%s%s%n", report.imported(),
                report.imported() == 1 ? "" : "s", report.check().order().accessionNumber(),
                report.check().patientLabel(), report.duplicates() == 0 ? ""
                        : ", " + report.duplicates() + " in the archive already", report.cancelled() ? " (cancelled)" : "");
        out.flush();
        return report.complete() ? 0 : 1;
    }
}
