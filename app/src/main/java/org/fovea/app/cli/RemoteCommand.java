package org.fovea.app.cli;

import org.fovea.center.NewRequest;
import org.fovea.center.client.CenterClient;
import org.fovea.center.client.CenterException;
import org.fovea.center.client.Outbox;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code fovea remote …}: a grassroots hospital's side of remote diagnosis. Requests go into the
 * outbox in the department database first and are sent from there, so an interrupted sending
 * resumes with {@code remote sync}.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Remote diagnosis: submit a study to the center, see the outbox, send what is pending.",
        subcommands = {RemoteCommand.Submit.class, RemoteCommand.Status.class, RemoteCommand.Sync.class,
                RemoteCommand.Requests.class, RemoteCommand.Claim.class, RemoteCommand.Release.class,
                RemoteCommand.Trace.class, RemoteReports.Watch.class, RemoteReports.Show.class,
                RemoteAsks.GiveBack.class, RemoteAsks.AskImages.class, RemoteAsks.AddImages.class,
                RemoteAsks.Criticals.class, RemoteAsks.Acknowledge.class, RemoteAsks.Complete.class, RemoteAsks.Priors.class,
                RemoteConsult.Ask.class,
                RemoteConsult.Show.class, RemoteConsult.Opinion.class, RemoteConsult.Close.class})
final class RemoteCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: submit, status, sync, watch, report, add-images, complete, criticals, ack, trace, priors, "
                + "requests, claim, release, return, ask-images, consult, consultations, opinion or consult-close.");
    }

    /** Where the center is and who talks to it: options, else {@code FOVEA_HOME/settings/remote.json}. */
    static final class Center {
        @Option(names = "--center", paramLabel = "URL", description = "The center, e.g. https://center:8443 "
                + "(default: \"center\" in FOVEA_HOME/settings/remote.json).")
        String url;

        @Option(names = "--trust", paramLabel = "PEM", description = "The center's certificate to trust "
                + "(default: \"trustCertificate\" in remote.json).")
        Path trust;

        @Option(names = "--as", paramLabel = "LOGIN", description = "The doctor's account at the center "
                + "(default: \"login\" in remote.json); the password is asked for.")
        String login;

        @Option(names = "--report-ca", paramLabel = "PEM", description = "The CA of the center's report signatures: "
                + "returned reports are checked against it before they are filed (default: \"reportCa\" in remote.json).")
        Path reportCa;

        private org.fovea.app.remote.RemoteSettings settings(Path home) {
            try {
                return org.fovea.app.remote.RemoteSettings.load(home).with(url, trust, reportCa, login);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }

        /** The CA returned reports are checked against; empty when none is configured (they are then not filed). */
        List<java.security.cert.X509Certificate> reportCa(Path home) {
            try {
                return settings(home).reportCas(home);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }

        CenterClient client(Path home, CliLogin prompt) {
            org.fovea.app.remote.RemoteSettings s = settings(home);
            try {
                if (!s.complete()) {
                    s.client(home, new char[0]);    // says what is missing
                }
                return s.client(home, prompt.password("Password of " + s.login() + " at " + s.center()));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /**
     * What every subcommand that talks to the center has: FOVEA_HOME (from the parent), its
     * output, and which center and account ({@link Center}).
     */
    abstract static class AtCenter implements Callable<Integer> {
        @ParentCommand
        RemoteCommand remote;
        @Spec
        CommandSpec spec;
        @CommandLine.Mixin
        Center center = new Center();

        Path home() {
            return remote.parent.home();
        }

        CenterClient client() {
            return center.client(home(), new CliLogin());
        }

        /** The outbox, receiving the center's reports into the local study (open while it is used). */
        Outbox outbox(ReportingDatabase department, LocalArchive archive) {
            return RemoteCommand.outbox(department).receivingReports(center.reportCa(home()),
                    org.fovea.center.client.ReportFiler.into(archive, home()));
        }
    }

    static Outbox outbox(ReportingDatabase department) {
        return Outbox.open(department.dataSource());
    }

    static void print(PrintWriter out, Outbox.SyncReport r) {
        out.printf("opened %d at the center, sent %d images, sent again %d, refused %d%s%n", r.created(), r.sent(),
                r.resent(), r.refused(), r.stoppedBecause().isEmpty() ? "" : "; stopped: " + r.stoppedBecause());
    }

    /** What {@code print} writes, as text (for {@link #act}). */
    static String text(java.util.function.Consumer<PrintWriter> printing) {
        java.io.StringWriter w = new java.io.StringWriter();
        printing.accept(new PrintWriter(w));
        return w.toString().stripTrailing();
    }

    static void print(PrintWriter out, List<Outbox.Status> all) {
        if (all.isEmpty()) {
            out.println("the outbox is empty");
        }
        for (Outbox.Status s : all) {
            String state = s.state().equals("SENDING") ? "sending " + s.sent() + "/" + s.total() : s.state().toLowerCase(Locale.ROOT);
            out.printf("%s  %s  %s  %s%s%n", s.clientRequestId(),
                    org.fovea.app.view.PersonNameFormat.display(s.patientName()), state, s.studyUid(),
                    s.problem().isEmpty() ? "" : "  — " + s.problem());
        }
        out.flush();
    }

    /** Queues a study of the local archive as a request and sends it. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Queue a study of the local archive as a remote diagnosis request, then send it.")
    static final class Submit extends AtCenter {
        @Option(names = "--study", required = true, paramLabel = "UID", description = "The study to send.")
        private String studyUid;
        @Option(names = "--note", paramLabel = "TEXT", description = "Clinical history for the expert.")
        private String note;
        @Option(names = "--question", paramLabel = "TEXT", description = "What the expert is asked.")
        private String question;
        @Option(names = "--urgent", description = "Read first.")
        private boolean urgent;
        @Option(names = "--attach", paramLabel = "FILE", description = "Paper that comes with the patient (an outside "
                + "report as PDF, a photographed request as JPEG or PNG): filed into the study, sent with it.")
        private List<Path> attach = new ArrayList<>();
        @Option(names = "--with-report", description = "Send this hospital's own report of the study (the latest, "
                + "from the department database) for the center's expert to review and sign.")
        private boolean withReport;
        @Option(names = "--retrieve-from", paramLabel = "AET@HOST:PORT", description = "The hospital PACS to retrieve "
                + "the study from first (C-GET into the local archive), when the archive does not hold all of it.")
        private String pacs;

        @Override
        public Integer call() throws IOException {
            Path home = home();
            PrintWriter out = spec.commandLine().getOut();
            CenterClient client = client();
            org.fovea.app.remote.RemoteSubmission submission;
            try (LocalArchive archive = LocalArchive.open(home)) {
                if (pacs != null) {
                    retrieveFirst(archive, home, pacs, studyUid, out);
                }
                if (archive.study(studyUid).isEmpty()) {
                    throw new UserError("There is no study " + studyUid + " in the local archive (./fovea ls lists them).");
                }
                org.fovea.app.remote.RemoteSubmission.attach(archive, studyUid, attach, home.resolve("work"));
                submission = org.fovea.app.remote.RemoteSubmission.of(archive, studyUid, note, question, urgent);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            NewRequest r = submission.request();
            String id = r.clientRequestId();
            List<Outbox.Item> items = submission.images();
            try (ReportingDatabase department = ReportingDatabase.forHome(home);
                 LocalArchive archive = LocalArchive.open(home)) {
                Outbox box = outbox(department, archive);
                org.fovea.center.LocalReport local = withReport ? localReport(department, studyUid) : null;
                box.submit(r, center.login == null ? "" : center.login, items);
                if (local != null) {
                    box.attachLocalReport(id, local);
                    out.printf("with our report by %s, for review%n", local.author());
                }
                out.printf("queued %s: %s, %d images%n", id,
                        org.fovea.app.view.PersonNameFormat.display(r.patientName()), items.size());
                out.flush();
                print(out, box.sync(client));
                print(out, box.status().stream().filter(s -> s.clientRequestId().equals(id)).toList());
            }
            return 0;
        }
    }

    /** D1: this hospital's latest report of the study, to send for review. */
    private static org.fovea.center.LocalReport localReport(ReportingDatabase department, String studyUid) {
        var reports = new org.fovea.reporting.store.JdbcReports(department).ofStudy(studyUid);
        if (reports.isEmpty()) {
            throw new UserError("There is no report of study " + studyUid + " here to send for review (--with-report).");
        }
        var r = reports.get(0);
        String author = new org.fovea.reporting.identity.Users(department).find(r.author())
                .map(org.fovea.reporting.identity.User::displayName).orElse(r.author());
        return new org.fovea.center.LocalReport(r.findings(), r.impression(), author);
    }

    /** D2: the study from the hospital PACS into the local archive, all of it, before it is submitted. */
    private static void retrieveFirst(LocalArchive archive, Path home, String pacs, String studyUid, PrintWriter out) {
        org.fovea.dicom.net.DicomNode node = DicomSupport.node(pacs).withRetrieveMethod(
                org.fovea.dicom.net.RetrieveMethod.C_GET);
        var client = new org.fovea.dicom.net.DicomClient(DicomSupport.settings(home, null));
        ConsoleProgress progress = new ConsoleProgress(org.fovea.dicom.LibraryOutput.terminal(), "retrieving");
        org.fovea.dicom.net.RetrieveReport r = DicomSupport.cancellable(cancel -> client.retrieve(node,
                new org.fovea.dicom.net.RetrieveRequest(studyUid, List.of()), archive, progress::update, cancel));
        if (!r.complete() || r.cancelled() || r.expected() + r.alreadyPresent() == 0) {
            throw new UserError(node.address() + " gave " + r.received() + " of " + r.expected() + " images of study "
                    + studyUid + (r.failures().isEmpty() ? "" : " (" + r.failures().get(0) + ")")
                    + "; nothing was submitted");
        }
        out.printf("retrieved from %s: %d images, %d already here%n", node.address(), r.received(), r.alreadyPresent());
        out.flush();
    }

    /** The outbox as the doctor sees it. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The outbox: each request's state (queued, sending n/N, received, …) and any problem.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        private RemoteCommand remote;
        @Spec
        private CommandSpec spec;
        @Option(names = "--json", description = "As JSON.")
        private boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase department = ReportingDatabase.forHome(remote.parent.home())) {
                List<Outbox.Status> all = outbox(department).status();
                if (json) {
                    out.println(org.fovea.center.CenterJson.pretty(all));
                    out.flush();
                } else {
                    print(out, all);
                }
            }
            return 0;
        }
    }

    /** Sends what is pending and checks what the center holds. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Send what the outbox still holds, compare what the center holds with what was sent, and "
                    + "send again what is missing or broken; receive the reports the center signed. Exit 1 while an "
                    + "image is not at the center whole.")
    static final class Sync extends AtCenter {

        @Override
        public Integer call() {
            Path home = home();
            PrintWriter out = spec.commandLine().getOut();
            CenterClient client = client();
            try (ReportingDatabase department = ReportingDatabase.forHome(home);
                 LocalArchive archive = LocalArchive.open(home)) {
                Outbox box = outbox(department, archive);
                Outbox.SyncReport first = box.sync(client);
                print(out, first);
                if (first.stoppedBecause().isEmpty()) {
                    int queued = box.verify(client);
                    out.printf("checked against the center: %d images to send again%n", queued);
                    if (queued > 0) {
                        print(out, box.sync(client));
                    }
                }
                print(out, box.status());
                // 1 while anything is not at the center whole: what the center asks back is news, not a failure
                return !first.stoppedBecause().isEmpty() || box.status().stream()
                        .anyMatch(s -> s.refused() > 0 || s.sent() < s.total()) ? 1 : 0;
            } catch (CenterException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** What the account sees at the center: a hospital's requests, an expert's assigned ones and group queue. */
    @Command(name = "requests", mixinStandardHelpOptions = true, description = "The requests this account sees at the "
            + "center: a doctor their hospital's, an expert those assigned to them and their group's queue.")
    static final class Requests extends AtCenter {
        @Option(names = "--json", description = "As JSON.")
        private boolean json;

        @Override
        public Integer call() {
            try {
                CenterCommand.print(spec.commandLine().getOut(),
                        client().requests(), json);
                return 0;
            } catch (CenterException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** An expert takes a request from their group's queue. */
    @Command(name = "claim", mixinStandardHelpOptions = true, description = "Take a request waiting in your group's queue.")
    static final class Claim extends AtCenter {
        @CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;

        @Override
        public Integer call() {
            return act(this, c -> c.claim(id), r -> r.id() + " is yours ("
                    + r.state().name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    /** One change to a request at the center, said in one line. */
    interface Action<T> {
        T apply(CenterClient client) throws CenterException;
    }

    /** Asks the center one thing as the command's account and says in words what came of it. */
    static <T> int act(AtCenter command, Action<T> action, java.util.function.Function<T, String> said) {
        CommandSpec spec = command.spec;
        try {
            T r = action.apply(command.client());
            spec.commandLine().getOut().println(said.apply(r));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CenterException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The assigned expert gives a request back to the group's queue. */
    @Command(name = "release", mixinStandardHelpOptions = true, description = "Give a request back to your group's queue.")
    static final class Release extends AtCenter {
        @CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Option(names = "--reason", defaultValue = "", description = "Why, for the coordinator.")
        private String reason;

        @Override
        public Integer call() {
            return act(this, c -> c.release(id, reason), r -> r.id() + " is back in the "
                    + r.expertGroup() + " queue");
        }
    }

    /** A request's trace on both sides: this hospital's outbox, then the center's. */
    @Command(name = "trace", mixinStandardHelpOptions = true, description = "A request's trace: what this hospital did "
            + "with it, then (when the center answers) what the center did, who, when, from which workstation.")
    static final class Trace extends AtCenter {
        @CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The outbox's request id (R-…).")
        private String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path home = home();
            String centerId;
            try (ReportingDatabase department = ReportingDatabase.forHome(home)) {
                Outbox box = RemoteCommand.outbox(department);
                Outbox.Status s = box.status().stream().filter(x -> x.clientRequestId().equals(id)).findFirst()
                        .orElseThrow(() -> new UserError("There is no request " + id + " in the outbox (./fovea remote "
                                + "status lists them)."));
                out.println("at this hospital:");
                box.trace(id).forEach(e -> out.printf("  %s  %-18s %s  %s  %s%n", e.at(), e.what(), e.who(),
                        e.workstation(), e.detail()));
                centerId = s.centerRequestId();
            }
            if (centerId != null) {
                try {
                    var events = client().events(UUID.fromString(centerId));
                    out.println("at the center (" + centerId + "):");
                    events.forEach(e -> out.printf("  %s  %-18s %s  %s  %s%n", e.at(), e.what(), e.who(),
                            e.workstation(), e.detail()));
                } catch (CenterException | UserError e) {
                    out.println("at the center: not available now (" + e.getMessage() + ")");
                }
            }
            out.flush();
            return 0;
        }
    }
}
