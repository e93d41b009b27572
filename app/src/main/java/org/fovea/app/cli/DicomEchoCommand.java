package org.fovea.app.cli;

import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.EchoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** C-ECHO: is the peer there and does it accept us. */
@Command(name = "echo", mixinStandardHelpOptions = true, description = "Check that a DICOM peer answers (C-ECHO).")
final class DicomEchoCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The peer, e.g. ORTHANC@127.0.0.1:4242.")
    private String address;

    @Option(names = "--aet", description = "Our AE title for this call (default: the workstation's, from the settings).")
    private String aeTitle;

    @Option(names = "--json", description = "Machine-readable output.")
    private boolean json;

    @Override
    public Integer call() {
        DicomNode node = DicomSupport.node(address);
        EchoResult r = new DicomClient(DicomSupport.settings(dicom.home(), aeTitle)).echo(node);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peer", address);
            m.put("ok", r.ok());
            m.put("millis", r.millis());
            m.put("reason", r.ok() ? null : r.reason());
            DicomSupport.printJson(out, m);
            out.flush();
        }
        if (!r.ok()) {
            throw new UserError(r.reason());
        }
        if (!json) {
            out.printf("%s answered C-ECHO in %d ms%n", address, r.millis());
            out.flush();
        }
        return 0;
    }
}
