package org.fovea.app.cli;

import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.StoreScp;
import org.fovea.app.view.PersonNameFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;

/** A store SCP until Ctrl-C: what modalities and PACS push is filed into the local archive. */
@Command(name = "listen", mixinStandardHelpOptions = true, description = "Receive images pushed to this workstation (C-STORE) until Ctrl-C; "
        + "each is filed into the local archive.")
final class DicomListenCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Option(names = "--aet", description = "Our AE title (default: the workstation's, from the settings).")
    private String aeTitle;

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on (default: from the settings).")
    private Integer port;

    @Override
    public Integer call() {
        NetworkSettings saved = DicomSupport.settings(dicom.home(), aeTitle);
        if (port != null && (port < 1 || port > 65535)) {
            throw new UserError("--port " + port + " is not a TCP port: use 1 to 65535.");
        }
        NetworkSettings s = saved.withLocal(saved.localAeTitle(), port == null ? saved.localPort() : port, true);
        PrintWriter out = spec.commandLine().getOut();
        Set<String> studies = ConcurrentHashMap.newKeySet();
        // Ctrl-C closes the listener, then the archive database, before the JVM halts, so no image
        // is left half-filed
        LocalArchive archive = LocalArchive.open(dicom.home());
        StoreScp scp;
        try {
            scp = start(s, archive, out, studies);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
        out.printf("listening as %s on port %d; Ctrl-C stops%n", s.localAeTitle(), scp.port());
        return Foreground.untilStopped(() -> {
            try (archive; scp) {
                // closed in reverse order: the listener, then the archive
            }
        }, out);
    }

    private static StoreScp start(NetworkSettings s, LocalArchive archive, PrintWriter out, Set<String> studies) {
        try {
            return StoreScp.start(s, archive, new StoreScp.StoreListener() {
                @Override
                public void stored(ImageHeader h) {
                    synchronized (out) {
                        if (studies.add(h.studyInstanceUid())) {
                            out.printf("new study: %s  %s  %s  %s  %s%n", PersonNameFormat.display(h.patientName()),
                                    h.patientId(), h.studyDate(), h.studyDescription(), h.studyInstanceUid());
                        }
                        out.printf("  stored %s #%s image %s  %s%n", h.modality(), h.seriesNumber(),
                                h.instanceNumber(), h.sopInstanceUid());
                        out.flush();
                    }
                }

                @Override
                public void failed(String reason) {
                    synchronized (out) {
                        out.printf("  refused: %s%n", reason);
                        out.flush();
                    }
                }
            });
        } catch (IOException e) {
            throw (UserError) new UserError(e.getMessage() + " Choose a free port with --port.").initCause(e);
        }
    }
}
