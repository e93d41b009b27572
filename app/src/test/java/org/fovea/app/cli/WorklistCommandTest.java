package org.fovea.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea device}, {@code fovea book}, {@code fovea schedule} and {@code fovea worklist serve}:
 * two CT rooms added, a walk-in registered and booked into the first room's first free slot,
 * the room's day showing it; the worklist served on a free port answers the workstation's own
 * worklist query ({@code fovea dicom worklist}) for that room with the patient and the booking's
 * Study Instance UID; Ctrl-C (here an interrupt) stops it.
 */
class WorklistCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private static String find(String pattern, String text) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void devicesBookingsAndTheirDay() {
        CliRun added = run("device", "add", "CT1", "--name", "CT 1 室", "--modality", "ct", "--room", "CT1", "--station-ae",
                "CT1_AE", "--slot-minutes", "15", "--capacity", "2", "--opens", "08:00", "--closes", "17:30");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("added CT1  CT 1 室  CT  room CT1  station AE CT1_AE  15-min slots x2  08:00-17:30");
        assertThat(run("device", "add", "CT2", "--name", "CT 2 室", "--modality", "CT", "--room", "CT2", "--station-ae",
                "CT2_AE", "--opens", "8h").err()).contains("--opens 8h is not a time HH:mm");
        assertThat(run("device", "add", "CT2", "--name", "CT 2 室", "--modality", "CT", "--room", "CT2", "--station-ae",
                "CT2_AE_WAY_TOO_LONG_TITLE").err()).contains("station AE title of 1 to 16 characters");
        assertThat(run("device", "list").out()).contains("CT1  CT 1 室").doesNotContain("CT2");

        String acc = register();
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        CliRun booked = run("book", acc, "--from", tomorrow.toString());
        assertThat(booked.code()).as(booked.err()).isZero();
        assertThat(booked.out()).startsWith("booked " + acc + " on CT1, " + tomorrow + " 08:00, study UID ");
        assertThat(run("book", acc).err()).contains(acc).contains("booked");
        assertThat(run("book", "NOPE-1").err()).contains("There is no exam NOPE-1");
        assertThat(run("book", acc, "--from", "07/12/2026").err()).contains("not a date yyyy-MM-dd");

        CliRun day = run("schedule", "--device", "CT1", "--day", tomorrow.toString());
        assertThat(day.out()).contains("08:00  1/2\n    " + acc + "  周一  胸部CT平扫  booked\n08:15  0/2\n")
                .contains("17:15  0/2\n");
        assertThat(run("schedule", "--device", "MR9").err()).contains("There is no device MR9");

        // the day after: wang on shift 10:00-11:00 only; a visit of two body parts takes one slot together
        LocalDate after = tomorrow.plusDays(1);
        assertThat(run("device", "shift", "CT1", "--day", after.toString(), "--technician", "wang", "--from", "10:00",
                "--to", "11:00").out()).contains("wang on CT1");
        assertThat(run("device", "shift", "CT1", "--day", after.toString(), "--technician", "wang", "--from", "10h",
                "--to", "11:00").err()).contains("--from 10h is not a time");
        String head = register();
        String neck = register();
        CliRun visit = run("book", head, neck, "--from", after.toString());
        assertThat(visit.out()).contains("booked " + head + " on CT1, " + after + " 10:00 with wang")
                .contains("booked " + neck + " on CT1, " + after + " 10:00 with wang");
        assertThat(run("schedule", "--device", "CT1", "--day", after.toString()).out())
                .contains("08:00  0/2  (nobody on shift)").contains("10:00  2/2  wang");
    }

    @Test
    void theWorklistAnswersTheBookedExam() throws Exception {
        assertThat(run("device", "add", "CT1", "--name", "CT 1 室", "--modality", "CT", "--room", "CT1",
                "--station-ae", "CT1_AE").code()).isZero();
        String acc = register();
        String uid = find("study UID ([0-9.]+)", run("book", acc, "--from", LocalDate.now().plusDays(1).toString()).out());

        StringWriter out = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Thread running = new Thread(() -> cl.execute("worklist", "serve", "--port", "0", "--ae", "DEPT_MWL"));
        running.start();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!out.toString().contains("Ctrl-C stops")) {
                assertThat(System.nanoTime()).as(out.toString()).isLessThan(end);
                Thread.sleep(50);
            }
            assertThat(out.toString()).startsWith("Modality worklist DEPT_MWL on port ");
            String port = find("on port (\\d+)", out.toString());
            CliRun answer = run("dicom", "worklist", "DEPT_MWL@127.0.0.1:" + port, "-k", "ScheduledStationAETitle=CT1_AE",
                    "-k", "PatientName=周*", "--json");
            assertThat(answer.code()).as(answer.err()).isZero();
            assertThat(answer.out()).contains("\"AccessionNumber\" : \"" + acc + "\"")
                    .contains("\"StudyInstanceUID\" : \"" + uid + "\"").contains("周^一")
                    .contains("\"ScheduledProcedureStepStartTime\" : \"080000\"");
            assertThat(run("dicom", "worklist", "DEPT_MWL@127.0.0.1:" + port, "-k", "ScheduledStationAETitle=CT2_AE")
                    .out()).contains("0 scheduled procedures");
        } finally {
            running.interrupt();
            running.join(30_000);
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(out.toString()).endsWith("stopped\n");
    }

    private String register() {
        CliRun r = run("register", "--patient-id", "W1", "--name", "周^一", "--sex", "F", "--phone", "13600000000",
                "--allergies", "无", "--diagnosis", "胸痛待查", "--exam", "胸部CT平扫", "--modality", "CT");
        assertThat(r.code()).as(r.err()).isZero();
        return find("accession (CT\\d{8}-\\d{4})", r.out());
    }
}
