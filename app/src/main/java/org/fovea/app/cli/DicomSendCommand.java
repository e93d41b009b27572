package org.fovea.app.cli;

import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.SendReport;
import org.fovea.dicom.net.SendResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** C-STORE: sends files, folders or an archived study to a peer. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send DICOM files, folders or an archived study to a peer (C-STORE).")
final class DicomSendCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The receiver, e.g. ORTHANC@127.0.0.1:4242.")
    private String address;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "DICOM files or folders (searched recursively).")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--study", paramLabel = "UID", description = "Send this study from the local archive.")
    private String studyUid;

    @Option(names = "--aet", description = "Our AE title for this call (default: the workstation's).")
    private String aeTitle;

    @Option(names = "--json", description = "Machine-readable result per file.")
    private boolean json;

    @Override
    public Integer call() {
        if (paths.isEmpty() == (studyUid == null)) {
            throw new UserError("Give either files or folders to send, or --study UID, not both or neither.");
        }
        DicomNode node = DicomSupport.node(address);
        List<Path> files = studyUid != null ? archivedFiles() : files();
        if (files.isEmpty()) {
            throw new UserError("There are no files to send in " + paths + ".");
        }
        DicomClient client = new DicomClient(DicomSupport.settings(dicom.home(), aeTitle));
        ConsoleProgress progress = new ConsoleProgress(LibraryOutput.terminal(), "sending");
        SendReport report = DicomSupport.cancellable(cancel -> client.send(node, files, progress::update, cancel));
        List<SendResult> failed = report.results().stream().filter(r -> !r.ok()).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SendResult r : report.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file().toString());
                m.put("ok", r.ok());
                m.put("status", r.status());
                rows.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("results", rows);
            m.put("cancelled", report.cancelled());
            DicomSupport.printJson(out, m);
        } else {
            out.printf("sent %d, failed %d%s%n", report.results().size() - failed.size(), failed.size(),
                    report.cancelled() ? " (cancelled)" : "");
            for (SendResult r : failed) {
                out.printf("  not sent %s: %s%n", r.file(), r.status());
            }
        }
        out.flush();
        return failed.isEmpty() && !report.cancelled() ? 0 : 1;
    }

    private List<Path> archivedFiles() {
        try (LocalArchive archive = LocalArchive.open(dicom.home())) {
            if (archive.study(studyUid).isEmpty()) {
                throw new UserError("Study " + studyUid + " is not in the local archive: './fovea ls' lists what is.");
            }
            List<Path> files = new ArrayList<>();
            for (SeriesSummary s : archive.series(studyUid)) {
                for (InstanceEntry i : archive.instances(s.seriesUid())) {
                    files.add(i.file());
                }
            }
            return files;
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError(p + ": no such file or folder");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw (UserError) new UserError("The folder " + p + " could not be read: " + e.getMessage())
                            .initCause(e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
