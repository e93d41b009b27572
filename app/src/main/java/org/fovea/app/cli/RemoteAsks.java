package org.fovea.app.cli;

import org.fovea.app.remote.RemoteSubmission;
import org.fovea.center.client.Outbox;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;

/**
 * {@code fovea remote return|ask-images|add-images|criticals|ack}: what the center asks back of
 * the hospital (D7: a request returned, more images, critical values), and the hospital's answer.
 */
final class RemoteAsks {

    private RemoteAsks() {
    }

    /** The request's expert (or a coordinator) returns it to the hospital. */
    @Command(name = "return", mixinStandardHelpOptions = true, description = "Return a request to its hospital with "
            + "the reason (its expert or a coordinator).")
    static final class GiveBack extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Option(names = "--reason", required = true, description = "Why, for the hospital's doctor.")
        private String reason;

        @Override
        public Integer call() {
            return RemoteCommand.act(this, c -> c.giveBack(id, reason), r -> r.id() + " is returned to "
                    + r.hospital() + ": " + r.note());
        }
    }

    /** The request's expert (or a coordinator) asks the hospital for more images. */
    @Command(name = "ask-images", mixinStandardHelpOptions = true, description = "Ask the hospital for more images "
            + "(追加摄片), saying which (the request's expert or a coordinator).")
    static final class AskImages extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Option(names = "--reason", required = true, description = "Which images, and why.")
        private String reason;

        @Override
        public Integer call() {
            return RemoteCommand.act(this, c -> c.askForImages(id, reason), r -> r.id() + ": " + r.hospital()
                    + " is asked for " + r.note());
        }
    }

    /** The hospital sends the study's images the request does not have yet (the extra images). */
    @Command(name = "add-images", mixinStandardHelpOptions = true, description = "Add to a request the images of its "
            + "study that arrived in the local archive since it was submitted (the extra images the center asked "
            + "for), then send them.")
    static final class AddImages extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The outbox's request id (R-…).")
        private String id;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            var client = client();
            try (ReportingDatabase department = ReportingDatabase.forHome(home());
                 LocalArchive archive = LocalArchive.open(home())) {
                Outbox box = outbox(department, archive);
                Outbox.Status s = box.status().stream().filter(x -> x.clientRequestId().equals(id)).findFirst()
                        .orElseThrow(() -> new UserError("There is no request " + id + " in the outbox (./fovea remote "
                                + "status lists them)."));
                int added = box.addImages(id, RemoteSubmission.of(archive, s.studyUid(), "", "", false).images());
                out.printf("%s: %d images added%n", id, added);
                RemoteCommand.print(out, box.sync(client));
                RemoteCommand.print(out, box.status().stream().filter(x -> x.clientRequestId().equals(id)).toList());
                return 0;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** The critical values the center relayed on this hospital's requests. */
    @Command(name = "criticals", mixinStandardHelpOptions = true, description = "The critical values experts found "
            + "on this hospital's requests: open ones first to acknowledge (remote ack), --all for the acknowledged too.")
    static final class Criticals extends RemoteCommand.AtCenter {
        @Option(names = "--all", description = "The acknowledged ones too.")
        private boolean all;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var client = client();
            int open = 0;
            try (ReportingDatabase department = ReportingDatabase.forHome(home())) {
                for (Outbox.Status s : RemoteCommand.outbox(department).status()) {
                    if (s.centerRequestId() == null) {
                        continue;
                    }
                    for (var c : client.criticals(UUID.fromString(s.centerRequestId()))) {
                        open += c.open() ? 1 : 0;
                        if (c.open() || all) {
                            out.printf("%s  %s  alert %d  %s (%s)  %s  from %s  %s%n", s.clientRequestId(),
                                    org.fovea.app.view.PersonNameFormat.display(s.patientName()), c.alertId(),
                                    c.finding(), c.category(), c.note(), c.sender(), c.open()
                                            ? "OPEN, acknowledge by " + c.dueAt() + ": ./fovea remote ack "
                                            + s.centerRequestId() + " " + c.alertId() + " --read-back TEXT"
                                            : "acknowledged by " + c.acknowledgedBy() + ": " + c.readBack());
                        }
                    }
                }
            } catch (org.fovea.center.client.CenterException e) {
                throw new UserError(e.getMessage());
            }
            if (open == 0) {
                out.println("no critical value waits for acknowledgement");
            }
            out.flush();
            return 0;
        }
    }

    /** The hospital's doctor acknowledges a critical value with the read-back. */
    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a critical value with what you "
            + "understood (the read-back); the expert at the center is told.")
    static final class Acknowledge extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Parameters(index = "1", paramLabel = "ALERT", description = "The critical value's number.")
        private long alert;
        @Option(names = "--read-back", required = true, paramLabel = "TEXT", description = "The finding in your words.")
        private String readBack;

        @Override
        public Integer call() {
            return RemoteCommand.act(this, c -> c.acknowledgeCritical(id, alert, readBack), c -> String.format(
                    "critical value %d (%s) acknowledged by %s", c.alertId(), c.finding(), c.acknowledgedBy()));
        }
    }

    /** The hospital's doctor completes the request's patient data after submitting it (D6). */
    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Complete or correct a request's "
            + "patient data after submitting it (信息补录): each option given replaces the request's.")
    static final class Complete extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The outbox's request id (R-…).")
        private String id;
        @Option(names = "--name", description = "The patient's name (DICOM form, e.g. WANG^JIANGUO=王^建国).")
        private String name;
        @Option(names = "--sex", description = "M, F or O.")
        private String sex;
        @Option(names = "--birth-date", paramLabel = "YYYYMMDD", description = "The birth date.")
        private String birthDate;
        @Option(names = "--history", description = "The clinical history (replaces it).")
        private String history;

        @Override
        public Integer call() {
            var client = client();
            try (ReportingDatabase department = ReportingDatabase.forHome(home())) {
                var r = RemoteCommand.outbox(department).completePatient(client, id,
                        new org.fovea.center.PatientUpdate(name, sex, birthDate, history));
                spec.commandLine().getOut().printf("%s: %s  %s  %s  %s%n", id,
                        org.fovea.app.view.PersonNameFormat.display(r.patientName()), r.patientSex(),
                        r.patientBirthDate(), r.clinicalHistory());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (org.fovea.center.client.CenterException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** The same patient's earlier requests from the same hospital (what an expert reads beside it). */
    @Command(name = "priors", mixinStandardHelpOptions = true, description = "The same patient's earlier requests "
            + "from the same hospital, newest first.")
    static final class Priors extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Option(names = "--json", description = "As JSON.")
        private boolean json;

        @Override
        public Integer call() {
            return RemoteCommand.act(this, c -> c.priors(id),
                    priors -> RemoteCommand.text(out -> CenterCommand.print(out, priors, json)));
        }
    }
}
