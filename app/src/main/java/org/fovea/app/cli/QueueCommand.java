package org.fovea.app.cli;

import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.QueueEntry;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fovea register} and {@code fovea queue …}: a walk-in registered by hand (T5), exams
 * checked in and called from their room's queue (T1), on the department database every desk shares.
 */
final class QueueCommand {

    private QueueCommand() {
    }

    /** What a command on the registration tables has: the department database, opened and closed around it. */
    interface Work<T> {
        T apply(Registrations registrations) throws Exception;
    }

    static <T> T withRegistrations(Path home, Work<T> work) {
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            return work.apply(Registrations.open(db.dataSource()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void print(PrintWriter out, List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            out.println("nobody");
        }
        for (QueueEntry e : entries) {
            out.printf("%d  %s  %s  %s  %s  %s%s%n", e.id(), e.accessionNumber(), name(e.patientName()), e.procedure(),
                    e.priority().toLowerCase(), e.state().toLowerCase(), e.calls() == 0 ? ""
                            : "  called " + e.calls() + "x by " + e.calledBy() + (e.skips() == 0 ? "" : ", skipped "
                            + e.skips() + "x"));
        }
        out.flush();
    }

    static String name(String hisName) {
        return org.fovea.app.view.PersonNameFormat.registered(hisName);
    }

    /** A walk-in or an emergency registered by hand: the patient and one exam, which gets its accession number. */
    @Command(name = "register", mixinStandardHelpOptions = true, description = "Register a patient and an exam by "
            + "hand (a walk-in or an emergency without an HIS order); prints the exam's accession number.")
    static final class Register implements Callable<Integer> {
        @ParentCommand
        private FoveaCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--patient-id", required = true, description = "The hospital's patient ID.")
        private String patientId;
        @Option(names = "--name", required = true, description = "The name, e.g. 王^建国.")
        private String name;
        @Option(names = "--sex", required = true, description = "M, F or O.")
        private String sex;
        @Option(names = "--birth-date", paramLabel = "YYYYMMDD", description = "The birth date.")
        private String birthDate;
        @Option(names = "--phone", required = true, description = "A phone number (required).")
        private String phone;
        @Option(names = "--allergies", required = true, description = "Allergies, or 无 (required).")
        private String allergies;
        @Option(names = "--diagnosis", required = true, description = "The clinical diagnosis (required).")
        private String diagnosis;
        @Option(names = "--exam", required = true, description = "The exam, e.g. 胸部CT平扫.")
        private String exam;
        @Option(names = "--modality", required = true, description = "CT, MR, DX, …")
        private String modality;
        @Option(names = "--priority", defaultValue = "ROUTINE", description = "ROUTINE, URGENT or EMERGENCY.")
        private String priority;

        @Override
        public Integer call() {
            Order o = withRegistrations(parent.home(), r -> r.registerWalkIn(new Patient(patientId, name, sex, birthDate,
                    phone, allergies, ""), new Order(0, "", "", patientId, "", exam, modality.toUpperCase(), diagnosis, "",
                    priority.toUpperCase(), "ORDERED", "MANUAL"), System.currentTimeMillis()));
            spec.commandLine().getOut().printf("registered %s: %s %s, accession %s%n", patientId, name(name), exam,
                    o.accessionNumber());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** An exam's barcode label and preparation notes (T7) as PDF. */
    @Command(name = "label", mixinStandardHelpOptions = true, description = "Write an exam's barcode label (Code 128 of "
            + "the accession number, name, sex/age, exam, room) and its preparation notes as PDF.")
    static final class Label implements Callable<Integer> {
        @ParentCommand
        private FoveaCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ACCESSION")
        private String accession;
        @Option(names = "--out", required = true, paramLabel = "FILE.pdf")
        private Path out;
        @Option(names = "--room", defaultValue = "", description = "The room the patient goes to (default: the booked "
                + "device's).")
        private String room;
        @Option(names = "--check-in", defaultValue = "", paramLabel = "TEXT", description = "When to check in, e.g. "
                + "\"2026-12-05 08:30 前\" (default: the booked slot).")
        private String checkIn;

        @Override
        public Integer call() {
            byte[] pdf = withRegistrations(parent.home(), r -> org.fovea.registration.Labels.ofExam(r,
                    new org.fovea.registration.Schedule(r, Clock.systemDefaultZone()), accession, room, checkIn));
            try {
                java.nio.file.Files.write(out, pdf);
            } catch (java.io.IOException e) {
                throw new UserError(out + " cannot be written: " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "The rooms' queues: check in, call, "
            + "recall, skip (过号), done, list.", subcommands = {CheckIn.class, Next.class, Recall.class, Skip.class,
            Done.class, ListQueue.class, Board.class, Display.class, Workload.class})
    static final class Queue implements Callable<Integer> {
        @ParentCommand
        FoveaCommand parent;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing subcommand: checkin, next, recall, skip, done, list, board or display.");
        }
    }

    /** What every queue subcommand has. */
    abstract static class OnQueue implements Callable<Integer> {
        @ParentCommand
        Queue queue;
        @Spec
        CommandSpec spec;

        int show(Work<List<QueueEntry>> work) {
            List<QueueEntry> shown = withRegistrations(queue.parent.home(), work);
            print(spec.commandLine().getOut(), shown);
            return 0;
        }

        static Queues queues(Registrations r) {
            return new Queues(r, Clock.systemUTC());
        }
    }

    @Command(name = "checkin", mixinStandardHelpOptions = true, description = "Check an exam in: it waits in the "
            + "queue of the room of the device it is booked on, or of --room.")
    static final class CheckIn extends OnQueue {
        @Parameters(index = "0", paramLabel = "ACCESSION")
        private String accession;
        @Option(names = "--room", description = "The room, e.g. CT1 (default: the booked device's room).")
        private String room;

        @Override
        public Integer call() {
            return show(r -> List.of(room == null ? queues(r).checkIn(accession) : queues(r).checkIn(accession, room)));
        }
    }

    @Command(name = "next", mixinStandardHelpOptions = true, description = "Call the next patient of the room.")
    static final class Next extends OnQueue {
        @Option(names = "--room", required = true)
        private String room;
        @Option(names = "--as", required = true, paramLabel = "LOGIN", description = "The technician calling.")
        private String technician;

        @Override
        public Integer call() {
            return show(r -> queues(r).next(room, technician).map(List::of).orElse(List.of()));
        }
    }

    @Command(name = "recall", mixinStandardHelpOptions = true, description = "Call the called patient again.")
    static final class Recall extends OnQueue {
        @Parameters(index = "0", paramLabel = "ID")
        private long id;
        @Option(names = "--as", required = true, paramLabel = "LOGIN")
        private String technician;

        @Override
        public Integer call() {
            return show(r -> List.of(queues(r).recall(id, technician)));
        }
    }

    @Command(name = "skip", mixinStandardHelpOptions = true, description = "过号: the called patient did not come; "
            + "back into the queue behind the next " + Queues.SKIP_BEHIND + ".")
    static final class Skip extends OnQueue {
        @Parameters(index = "0", paramLabel = "ID")
        private long id;

        @Override
        public Integer call() {
            return show(r -> List.of(queues(r).skip(id)));
        }
    }

    @Command(name = "done", mixinStandardHelpOptions = true, description = "The exam is done; its workload is recorded "
            + "for the technician who called it (or --as) and the assisting staff.")
    static final class Done extends OnQueue {
        @Parameters(index = "0", paramLabel = "ID")
        private long id;
        @Option(names = "--as", paramLabel = "LOGIN", description = "The technician (default: who called the patient).")
        private String technician;
        @Option(names = "--assist", split = ",", paramLabel = "LOGIN", description = "Assisting staff, comma separated.")
        private List<String> assistants = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return show(r -> {
                QueueEntry done = queues(r).done(id);
                new org.fovea.registration.ExamNotes(r, Clock.systemDefaultZone()).recordWorkload(done.accessionNumber(),
                        technician != null ? technician : done.calledBy(), assistants);
                return List.of(done);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Who is called and who waits in a room, "
            + "in the order they will be called.")
    static final class ListQueue extends OnQueue {
        @Option(names = "--room", required = true)
        private String room;

        @Override
        public Integer call() {
            return show(r -> {
                Queues q = queues(r);
                List<QueueEntry> all = new java.util.ArrayList<>(q.called(room));
                all.addAll(q.waiting(room));
                return all;
            });
        }
    }

    /** What the waiting-room screen shows now: the called and the next waiting, names masked. */
    @Command(name = "board", mixinStandardHelpOptions = true, description = "What the waiting-room screen shows: who is "
            + "called to the room and who comes next, names partly masked (王*国).")
    static final class Board extends OnQueue {
        @Option(names = "--room", required = true)
        private String room;
        @Option(names = "--next", defaultValue = "5", description = "How many waiting to show (default 5).")
        private int next;

        @Override
        public Integer call() {
            var lines = withRegistrations(queue.parent.home(), r -> org.fovea.registration.WaitingRoom.board(queues(r),
                    room, next));
            PrintWriter out = spec.commandLine().getOut();
            for (var l : lines) {
                out.println((l.called() ? "请 " + l.name() + " 到 " + l.room() + " 检查" : "候诊  " + l.name()));
            }
            out.flush();
            return 0;
        }
    }

    /** The waiting-room display window, full screen, for the computer that drives the waiting room's screen. */
    @Command(name = "display", mixinStandardHelpOptions = true, description = "Open the waiting-room display: full "
            + "screen, large type, who is called to which room and who comes next (names masked), calls spoken where "
            + "espeak-ng is installed. Escape leaves full screen; closing the window ends the command.")
    static final class Display extends OnQueue {
        @Option(names = "--room", description = "A room to show (repeat for several; default: every device's room).")
        private List<String> rooms = new java.util.ArrayList<>();
        @Option(names = "--screen", defaultValue = "-1", description = "The screen's index, 0 first (default: the last, "
                + "a second monitor where there is one).")
        private int screen;
        @Option(names = "--lang", description = "zh or en (default: the system locale).")
        private String lang;

        @Override
        public Integer call() {
            org.fovea.app.ui.registration.WaitingRoomWindow.runStandalone(queue.parent.home(), GuiCommand.locale(lang),
                    rooms, screen);
            return 0;
        }
    }

    /** T3: who examined how many, by role and modality, over days. */
    @Command(name = "workload", mixinStandardHelpOptions = true, description = "Each technician's and assistant's "
            + "examined exams by modality, from --from to --to inclusive (default: today).")
    static final class Workload extends OnQueue {
        @Option(names = "--from", paramLabel = "yyyy-MM-dd")
        private String from;
        @Option(names = "--to", paramLabel = "yyyy-MM-dd")
        private String to;

        @Override
        public Integer call() {
            java.time.LocalDate first = day("--from", from);
            java.time.LocalDate last = day("--to", to);
            java.time.ZoneId zone = java.time.ZoneId.systemDefault();
            var rows = withRegistrations(queue.parent.home(), r -> new org.fovea.registration.ExamNotes(r,
                    Clock.systemDefaultZone()).workload(first.atStartOfDay(zone).toInstant().toEpochMilli(),
                    last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("workload %s to %s%n", first, last);
            if (rows.isEmpty()) {
                out.println("no examined exams");
            }
            for (var w : rows) {
                out.printf("%-16s %-10s %3d  %s%n", w.person(), w.role().toLowerCase(), w.total(), w.byModality());
            }
            out.flush();
            return 0;
        }

        private static java.time.LocalDate day(String option, String value) {
            return value == null ? java.time.LocalDate.now() : DeviceCommand.date(option, value);
        }
    }
}
