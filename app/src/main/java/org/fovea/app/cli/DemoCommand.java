package org.fovea.app.cli;

import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoStudies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** Generates the demo studies into the archive (once) and opens the workstation. */
@Command(name = "demo", description = "Generate the demo studies into the local archive and open the workstation.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--no-gui", description = "Prepare the demo data and exit (for scripts).")
    private boolean noGui;

    @Option(names = "--lang", description = "UI language: zh or en (default: the system locale).")
    private String lang;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress generating = new ConsoleProgress(LibraryOutput.terminal(), "generating demo");
        ConsoleProgress importing = new ConsoleProgress(LibraryOutput.terminal(), "importing demo");
        DemoStudies.Result result;
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            result = DemoStudies.ensure(archive, parent.home().resolve("work").resolve("demo"),
                    (study, stage, done, total) -> (stage == DemoListener.Stage.GENERATING ? generating : importing)
                            .update(done, total, study.name()),
                    CancelToken.none());
            if (!result.cancelled()) {
                java.util.ResourceBundle english = org.fovea.app.view.Messages.bundle(java.util.Locale.ROOT);
                int saved = org.fovea.dicom.demo.DemoMeasurements.ensureSaved(archive,
                        org.fovea.dicom.demo.DemoSize.STANDARD, parent.home().resolve("work"),
                        m -> org.fovea.app.view.MarkLabels.summary(m, english));
                if (saved > 0) {
                    spec.commandLine().getOut().println("Measured the demo: " + saved
                            + " measurements (the CT's three nodules, the chest film's cardiothoracic ratio).");
                }
                int reports = DemoReports.ensure(archive, parent.home(), org.fovea.dicom.demo.DemoSize.STANDARD,
                        org.fovea.app.view.Messages.bundle(java.util.Locale.SIMPLIFIED_CHINESE));
                if (reports > 0) {
                    spec.commandLine().getOut().println("Wrote the demo's reports: " + reports
                            + " (the chest CT finished, the chest film's a draft; './fovea report list').");
                }
                int exams = DemoRegistration.ensure(archive, parent.home(), org.fovea.dicom.demo.DemoSize.STANDARD);
                if (exams > 0) {
                    spec.commandLine().getOut().println("Registered the demo department: 4 devices, " + exams
                            + " exams; three of today's patients checked in, one called to CT 1 (log in as zhao or wang; "
                            + "'./fovea queue display' opens the waiting-room screen).");
                }
            }
        }
        if (result.generated().isEmpty()) {
            spec.commandLine().getOut().println("Demo studies were already in the archive.");
        }
        spec.commandLine().getOut().println("Demo studies are in the archive at " + parent.home()
                + " (list them with './fovea ls').");
        spec.commandLine().getOut().flush();
        return noGui ? 0 : GuiCommand.open(parent.home(), lang);
    }
}
