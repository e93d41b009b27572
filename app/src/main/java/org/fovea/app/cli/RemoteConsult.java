package org.fovea.app.cli;

import org.fovea.center.Consultation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;

/**
 * {@code fovea remote consult|consultations|opinion|consult-close}: a difficult case forwarded to
 * another expert group for consultation (会诊转发, D4), and its thread of opinions.
 */
final class RemoteConsult {

    private RemoteConsult() {
    }

    static void print(PrintWriter out, List<Consultation> all) {
        if (all.isEmpty()) {
            out.println("no consultation");
        }
        for (Consultation c : all) {
            out.printf("consultation %d  to group %s  asked by %s at %s  %s%n  %s%n", c.id(), c.group(), c.askedBy(),
                    c.askedAt(), c.open() ? "OPEN" : "closed at " + c.closedAt(), c.question());
            c.opinions().forEach(o -> out.printf("    %s  %s (%s): %s%n", o.at(), o.name(), o.login(), o.text()));
        }
        out.flush();
    }

    @Command(name = "consult", mixinStandardHelpOptions = true, description = "Forward a request to another expert "
            + "group for consultation, with the question (its expert or a coordinator).")
    static final class Ask extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Option(names = "--group", required = true, description = "The expert group asked.")
        private String group;
        @Option(names = "--question", required = true, description = "What the group is asked.")
        private String question;

        @Override
        public Integer call() {
            return run(this, c -> List.of(c.consult(id, group, question)));
        }
    }

    @Command(name = "consultations", mixinStandardHelpOptions = true, description = "A request's consultations, each "
            + "with its thread of opinions.")
    static final class Show extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;

        @Override
        public Integer call() {
            return run(this, c -> c.consultations(id));
        }
    }

    @Command(name = "opinion", mixinStandardHelpOptions = true, description = "Add an opinion to a consultation (an "
            + "expert of the group asked, or who asked).")
    static final class Opinion extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Parameters(index = "1", paramLabel = "CONSULTATION", description = "The consultation's number.")
        private long consultation;
        @Option(names = "--text", required = true, description = "The opinion.")
        private String text;

        @Override
        public Integer call() {
            return run(this, c -> List.of(c.opinion(id, consultation, text)));
        }
    }

    @Command(name = "consult-close", mixinStandardHelpOptions = true, description = "Close a consultation (who asked, "
            + "or a coordinator).")
    static final class Close extends RemoteCommand.AtCenter {
        @Parameters(index = "0", paramLabel = "ID", description = "The center's request id.")
        private UUID id;
        @Parameters(index = "1", paramLabel = "CONSULTATION", description = "The consultation's number.")
        private long consultation;

        @Override
        public Integer call() {
            return run(this, c -> List.of(c.closeConsultation(id, consultation)));
        }
    }

    private static int run(RemoteCommand.AtCenter command, RemoteCommand.Action<List<Consultation>> call) {
        return RemoteCommand.act(command, call, all -> RemoteCommand.text(out -> print(out, all)));
    }
}
