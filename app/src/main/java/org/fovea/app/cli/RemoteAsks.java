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
 * {@code fovea remote return|ask-images|add-images}: what the center asks back of the hospital
 * before a report (D7), and the hospital's answer.
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
}
