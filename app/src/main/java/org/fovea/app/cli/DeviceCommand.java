package org.fovea.app.cli;

import org.fovea.registration.Booking;
import org.fovea.registration.Device;
import org.fovea.registration.Order;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import static org.fovea.app.cli.QueueCommand.withRegistrations;

/**
 * {@code fovea device add|list}, {@code fovea book} and {@code fovea schedule} (T6): the
 * department's devices with their slots and station AE titles, an exam booked into the first free
 * slot, and a device's day, on the department database every desk and the worklist share.
 */
final class DeviceCommand {

    private DeviceCommand() {
    }

    /** Slots are the department's wall-clock times: booking "from today" means today here. */
    private static Schedule schedule(Registrations r) {
        return new Schedule(r, Clock.systemDefaultZone());
    }

    private static LocalTime time(String option, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " " + value + " is not a time HH:mm (e.g. 08:00)");
        }
    }

    static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " " + value + " is not a date yyyy-MM-dd (e.g. 2026-12-07)");
        }
    }

    private static String describe(Device d) {
        return String.format("%s  %s  %s  room %s  station AE %s  %d-min slots x%d  %s-%s%s", d.code(), d.name(),
                d.modality(), d.room(), d.stationAe(), d.slotMinutes(), d.capacity(), d.opens(), d.closes(),
                d.active() ? "" : "  (inactive)");
    }

    @Command(name = "device", mixinStandardHelpOptions = true, description = "The department's devices (rooms with a "
            + "modality, slots and the station AE title they ask the worklist as): add, list.",
            subcommands = {Add.class, ListDevices.class, Shift.class})
    static final class Devices implements Callable<Integer> {
        @ParentCommand
        FoveaCommand parent;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: add or list.");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a device, or change the one of that code.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        private Devices devices;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CODE", description = "The device's code, e.g. CT1.")
        private String code;
        @Option(names = "--name", required = true, description = "Its name, e.g. \"CT 1 室\".")
        private String name;
        @Option(names = "--modality", required = true, description = "CT, MR, DX, …")
        private String modality;
        @Option(names = "--room", required = true, description = "The room whose queue its patients wait in.")
        private String room;
        @Option(names = "--station-ae", required = true, description = "The Scheduled Station AE Title the device "
                + "asks the worklist as.")
        private String stationAe;
        @Option(names = "--slot-minutes", defaultValue = "15", description = "Length of a slot (default 15).")
        private int slotMinutes;
        @Option(names = "--capacity", defaultValue = "1", description = "Exams a slot takes (default 1).")
        private int capacity;
        @Option(names = "--opens", defaultValue = "08:00", paramLabel = "HH:mm", description = "Default 08:00.")
        private String opens;
        @Option(names = "--closes", defaultValue = "17:00", paramLabel = "HH:mm", description = "Default 17:00.")
        private String closes;

        @Override
        public Integer call() {
            LocalTime from = time("--opens", opens);
            LocalTime to = time("--closes", closes);
            String said = withRegistrations(devices.parent.home(), r -> {
                Schedule s = schedule(r);
                boolean known = s.device(code).isPresent();
                s.saveDevice(new Device(code, name, modality, room, stationAe.strip(), slotMinutes, capacity, from, to,
                        true));
                return (known ? "changed " : "added ") + describe(s.device(code).orElseThrow());
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println(said);
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The devices, by code.")
    static final class ListDevices implements Callable<Integer> {
        @ParentCommand
        private Devices devices;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            List<Device> all = withRegistrations(devices.parent.home(), r -> schedule(r).devices());
            PrintWriter out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println("no devices: add one with ./fovea device add");
            }
            all.forEach(d -> out.println(describe(d)));
            out.flush();
            return 0;
        }
    }

    @Command(name = "shift", mixinStandardHelpOptions = true, description = "Put a technician on a device for part of a "
            + "day; a day with shifts is open for booking only in them.")
    static final class Shift implements Callable<Integer> {
        @ParentCommand
        private Devices devices;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CODE")
        private String code;
        @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd")
        private String day;
        @Option(names = "--technician", required = true, paramLabel = "LOGIN")
        private String technician;
        @Option(names = "--from", required = true, paramLabel = "HH:mm")
        private String from;
        @Option(names = "--to", required = true, paramLabel = "HH:mm")
        private String to;

        @Override
        public Integer call() {
            LocalDate d = date("--day", day);
            java.time.LocalTime start = time("--from", from);
            java.time.LocalTime end = time("--to", to);
            withRegistrations(devices.parent.home(), r -> {
                schedule(r).addShift(code, d, technician, start, end);
                return null;
            });
            spec.commandLine().getOut().printf("%s on %s, %s %s-%s%n", technician, code, d, start, end);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static java.time.LocalTime time(String option, String value) {
            try {
                return java.time.LocalTime.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new UserError(option + " " + value + " is not a time: write it as 08:30");
            }
        }
    }

    @Command(name = "book", mixinStandardHelpOptions = true, description = "Book an exam into the first free slot of a "
            + "device of its modality (an emergency: now); several exams of one visit (body parts of one order) go "
            + "into one slot together. Prints the device, day, slot and the Study Instance UID the images will carry.")
    static final class Book implements Callable<Integer> {
        @ParentCommand
        private FoveaCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "ACCESSION")
        private List<String> accessions;
        @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "The first day to look at (default today).")
        private String from;

        @Override
        public Integer call() {
            LocalDate first = from == null ? LocalDate.now() : date("--from", from);
            List<Booking> visit = withRegistrations(parent.home(), r -> schedule(r).book(accessions, first));
            PrintWriter out = spec.commandLine().getOut();
            for (Booking b : visit) {
                out.printf("booked %s on %s, %s %s%s, study UID %s%n", b.accessionNumber(), b.deviceCode(), b.day(),
                        b.slot(), b.technician().isEmpty() ? "" : " with " + b.technician(), b.studyUid());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "A device's day: each slot with how "
            + "many it has booked of how many it takes, and the exams booked in it.")
    static final class Day implements Callable<Integer> {
        @ParentCommand
        private FoveaCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--device", required = true, description = "The device's code.")
        private String device;
        @Option(names = "--day", paramLabel = "yyyy-MM-dd", description = "The day (default today).")
        private String day;

        @Override
        public Integer call() {
            LocalDate d = day == null ? LocalDate.now() : date("--day", day);
            PrintWriter out = spec.commandLine().getOut();
            withRegistrations(parent.home(), r -> {
                Schedule s = schedule(r);
                List<Schedule.Slot> slots = s.day(device, d);
                List<Booking> booked = s.bookings(device, d);
                out.printf("%s %s%n", device, d);
                for (Schedule.Slot slot : slots) {
                    out.printf("%s  %d/%d%s%n", slot.start(), slot.booked(), slot.capacity(),
                            slot.technician() == null ? "  (nobody on shift)"
                                    : slot.technician().isEmpty() ? "" : "  " + slot.technician());
                    for (Booking b : booked) {
                        if (b.slot().equals(slot.start())) {
                            Order o = r.order(b.accessionNumber()).orElseThrow();
                            String name = r.patient(o.patientId()).map(p -> QueueCommand.name(p.name())).orElse("");
                            out.printf("    %s  %s  %s  %s%n", b.accessionNumber(), name, o.procedureText(),
                                    o.status().toLowerCase().replace('_', ' '));
                        }
                    }
                }
                return null;
            });
            out.flush();
            return 0;
        }
    }
}
