package org.fovea.registration.worklist;

import org.fovea.registration.Booking;
import org.fovea.registration.Device;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Postgres;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modality worklist on H2 and PostgreSQL, asked by DCMTK's {@code findscu -W} as a modality
 * would, its responses decoded by DCMTK's {@code dcmdump}: two CT rooms with their own station AE
 * titles and a day of bookings with Chinese names (one in the DICOM form
 * {@code WANG^JIANGUO=王^建国}); a cancelled and an examined exam, and the next day's. A station
 * asking for its day gets exactly its exams still to do, with the exact names, accession numbers,
 * procedure, slot and the Study Instance UID of the booking; 王* and WANG* find the patient; date
 * ranges; a malformed date refused with a failure status and a comment; C-ECHO; closed, it refuses.
 */
class WorklistScpTest {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final String AE = "FOVEA_MWL";

    @TempDir
    Path dir;
    private int queries;

    @Test
    void worklistOnTheEmbeddedDatabase() throws Exception {
        tools();
        try (ReportingDatabase db = ReportingDatabase.embedded(dir.resolve("home"))) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void worklistOnPostgreSql() throws Exception {
        tools();
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    /** DCMTK's tools: with CI=true a missing one fails the test, elsewhere it is skipped. */
    private static void tools() {
        for (String tool : List.of("findscu", "echoscu", "dcmdump")) {
            Tools.require(tool, "dcmtk");
        }
    }

    private static Clock at(LocalDate day, int hour, int minute) {
        return Clock.fixed(LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(ZONE).toInstant(), ZONE);
    }

    private static String exam(Registrations r, String patientId, String name, String sex, String birthDate,
                               String allergies, String procedure, String priority) throws Exception {
        try (Connection c = r.dataSource().getConnection()) {
            r.savePatient(c, new Patient(patientId, name, sex, birthDate, "13800000000", allergies, ""),
                    System.currentTimeMillis());
            return r.placeOrder(c, new Order(0, "", "", patientId, "P1", procedure, "CT", "咳嗽两周", "张^医生", priority,
                    "ORDERED", "MANUAL"), System.currentTimeMillis()).accessionNumber();
        }
    }

    private void exercise(Registrations r) throws Exception {
        Schedule s = new Schedule(r, at(MONDAY, 7, 30));
        s.saveDevice(new Device("CT1", "CT 1 室", "CT", "CT1", "CT1_AE", 15, 1, LocalTime.of(8, 0), LocalTime.of(12, 0), true));
        s.saveDevice(new Device("CT2", "CT 2 室", "CT", "CT2", "CT2_AE", 15, 1, LocalTime.of(8, 0), LocalTime.of(12, 0), true));
        s.addShift("CT1", MONDAY, "tech.li", LocalTime.of(8, 0), LocalTime.of(12, 0));
        // one place a slot: CT1 08:00, CT2 08:00, CT1 08:15, CT2 08:15, ...
        Booking wang = s.book(exam(r, "P1", "WANG^JIANGUO=王^建国", "M", "19680512", "碘造影剂过敏", "胸部CT平扫", "URGENT"), MONDAY);
        Booking li = s.book(exam(r, "P2", "李^娜", "F", "19900101", "无", "头颅CT平扫", "ROUTINE"), MONDAY);
        Booking zhao = s.book(exam(r, "P3", "赵^敏", "F", "19850303", "无", "胸部CT平扫", "ROUTINE"), MONDAY);
        s.book(exam(r, "P4", "孙^丽", "F", "19700707", "无", "腹部CT平扫", "ROUTINE"), MONDAY);
        Booking ouyang = s.book(exam(r, "P5", "欧阳^修", "M", "19551111", "青霉素", "腹部CT增强", "ROUTINE"), MONDAY);
        s.book(exam(r, "P6", "周^杰", "M", "19991212", "无", "头颅CT平扫", "ROUTINE"), MONDAY);
        Booking wu = s.book(exam(r, "P7", "吴^刚", "M", "19600606", "无", "胸部CT平扫", "ROUTINE"), MONDAY);
        Booking fang = s.book(exam(r, "P8", "王^芳", "F", "19770808", "无", "胸部CT平扫", "ROUTINE"), MONDAY.plusDays(1));
        assertThat(List.of(wang, zhao, ouyang, wu, fang)).extracting(Booking::deviceCode).containsOnly("CT1");
        assertThat(li.deviceCode()).isEqualTo("CT2");
        // 赵敏 cancelled; 吴刚 examined; 欧阳修 checked in, waiting in CT1
        try (Connection c = r.dataSource().getConnection()) {
            assertThat(r.cancelExam(c, zhao.accessionNumber(), System.currentTimeMillis())).isTrue();
        }
        Queues q = new Queues(r, at(MONDAY, 8, 40));
        q.checkIn(wu.accessionNumber());
        q.done(q.next("CT1", "tech.li").orElseThrow().id());
        q.checkIn(ouyang.accessionNumber());

        WorklistScp scp = WorklistScp.start(r, AE, 0);
        try (scp) {
            assertThat(scp.port()).isPositive();
            assertThat(echo(scp.port()).exit()).isZero();

            // CT1 asks for its Monday: its two exams still to do, in slot order, all it asked filled
            List<Map<String, String>> day = find(scp.port(), "PatientName", "PatientID", "PatientBirthDate",
                    "PatientSex", "Allergies", "AccessionNumber", "RequestedProcedureID", "RequestedProcedureDescription",
                    "StudyInstanceUID", "ReferringPhysicianName", "RequestingPhysician", "AdmittingDiagnosesDescription",
                    "RequestedProcedurePriority", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CT1_AE",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20261207",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime",
                    "ScheduledProcedureStepSequence[0].Modality=CT",
                    "ScheduledProcedureStepSequence[0].ScheduledStationName",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepLocation",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepDescription",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepID",
                    "ScheduledProcedureStepSequence[0].ScheduledPerformingPhysicianName",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStatus");
            assertThat(day).extracting(m -> m.get("AccessionNumber"))
                    .containsExactly(wang.accessionNumber(), ouyang.accessionNumber());
            Map<String, String> w = day.get(0);
            assertThat(w).containsEntry("SpecificCharacterSet", "ISO_IR 192")
                    .containsEntry("PatientName", "WANG^JIANGUO=王^建国").containsEntry("PatientID", "P1")
                    .containsEntry("PatientBirthDate", "19680512").containsEntry("PatientSex", "M")
                    .containsEntry("Allergies", "碘造影剂过敏").containsEntry("RequestedProcedureID", wang.accessionNumber())
                    .containsEntry("RequestedProcedureDescription", "胸部CT平扫")
                    .containsEntry("StudyInstanceUID", wang.studyUid())
                    .containsEntry("ReferringPhysicianName", "张^医生").containsEntry("RequestingPhysician", "张^医生")
                    .containsEntry("AdmittingDiagnosesDescription", "咳嗽两周")
                    .containsEntry("RequestedProcedurePriority", "HIGH")
                    .containsEntry("ScheduledStationAETitle", "CT1_AE").containsEntry("Modality", "CT")
                    .containsEntry("ScheduledStationName", "CT 1 室").containsEntry("ScheduledProcedureStepLocation", "CT1")
                    .containsEntry("ScheduledProcedureStepStartDate", "20261207")
                    .containsEntry("ScheduledProcedureStepStartTime", "080000")
                    .containsEntry("ScheduledProcedureStepDescription", "胸部CT平扫")
                    .containsEntry("ScheduledProcedureStepID", wang.accessionNumber())
                    .containsEntry("ScheduledPerformingPhysicianName", "tech.li")
                    .containsEntry("ScheduledProcedureStepStatus", "SCHEDULED");
            assertThat(day.get(1)).containsEntry("PatientName", "欧阳^修").containsEntry("Allergies", "青霉素")
                    .containsEntry("StudyInstanceUID", ouyang.studyUid())
                    .containsEntry("ScheduledProcedureStepStartTime", ouyang.slot().toString().replace(":", "") + "00")
                    .containsEntry("ScheduledProcedureStepStatus", "ARRIVED")
                    .containsEntry("RequestedProcedurePriority", "ROUTINE");

            // 王* and WANG* find 王建国 by either component group; asked by name alone, across stations
            List<Map<String, String>> wangs = find(scp.port(), "PatientName=王*", "AccessionNumber",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20261207");
            assertThat(wangs).extracting(m -> m.get("PatientName")).containsExactly("WANG^JIANGUO=王^建国");
            assertThat(wangs.get(0)).as("a key not asked is not returned").doesNotContainKey("PatientBirthDate");
            assertThat(find(scp.port(), "PatientName=王*", "AccessionNumber")).extracting(m -> m.get("AccessionNumber"))
                    .containsExactly(wang.accessionNumber(), fang.accessionNumber());
            assertThat(find(scp.port(), "PatientName=wang*", "AccessionNumber")).extracting(m -> m.get("AccessionNumber"))
                    .containsExactly(wang.accessionNumber());
            assertThat(find(scp.port(), "PatientName=李^娜", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle"))
                    .extracting(m -> m.get("ScheduledStationAETitle")).containsExactly("CT2_AE");

            // date ranges: both days, from Tuesday on, up to Monday; the study UID stays the booking's
            List<Map<String, String>> week = find(scp.port(), "AccessionNumber", "StudyInstanceUID",
                    "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CT1_AE",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20261207-20261208");
            assertThat(week).extracting(m -> m.get("AccessionNumber"))
                    .containsExactly(wang.accessionNumber(), ouyang.accessionNumber(), fang.accessionNumber());
            assertThat(week.get(0)).containsEntry("StudyInstanceUID", wang.studyUid());
            assertThat(find(scp.port(), "AccessionNumber",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20261208-"))
                    .extracting(m -> m.get("AccessionNumber")).containsExactly(fang.accessionNumber());
            assertThat(find(scp.port(), "AccessionNumber",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=-20261207"))
                    .extracting(m -> m.get("AccessionNumber")).hasSize(5)
                    .doesNotContain(zhao.accessionNumber(), wu.accessionNumber(), fang.accessionNumber());
            assertThat(find(scp.port(), "AccessionNumber", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CT9_AE"))
                    .isEmpty();

            // a malformed date: refused with a failure status naming what is wrong, and the SCP goes on
            Command.Result bad = findscu(dir.resolve("bad"), scp.port(), "-d", "AccessionNumber",
                    "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=2026-12-07");
            assertThat(bad.output()).contains("0xa900").contains("2026-12-07 is not a date");
            assertThat(responses(dir.resolve("bad"))).isEmpty();
            assertThat(echo(scp.port()).exit()).isZero();
        }
        assertThat(echo(scp.port()).exit()).as("a closed worklist answers nothing").isNotZero();
    }

    private static Command.Result echo(int port) {
        return Command.of("echoscu", "-aec", AE, "-to", "10", "127.0.0.1", String.valueOf(port)).mergeStderr()
                .timeout(Duration.ofSeconds(60)).run();
    }

    /** Runs findscu -W with the keys (UTF-8) and reads back each response with dcmdump. */
    private List<Map<String, String>> find(int port, String... keys) throws Exception {
        Path out = dir.resolve("q" + ++queries);
        Command.Result r = findscu(out, port, keys).requireSuccess();
        assertThat(r.output()).doesNotContain("Failed").doesNotContain("E: ");
        return responses(out);
    }

    private static Command.Result findscu(Path out, int port, String... keys) throws Exception {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of("findscu", "-W", "-v", "-aet", "TEST_MODALITY", "-aec", AE, "-to",
                "30", "-X", "-od", out.toString(), "-k", "SpecificCharacterSet=ISO_IR 192"));
        for (String k : keys) {
            if (k.startsWith("-")) {
                cmd.add(k);
            } else {
                cmd.add("-k");
                cmd.add(k);
            }
        }
        cmd.add("127.0.0.1");
        cmd.add(String.valueOf(port));
        return Command.of(cmd).mergeStderr().timeout(Duration.ofSeconds(60)).run();
    }

    private static final Pattern LINE = Pattern.compile(
            "^\\s*\\(([0-9a-f]{4},[0-9a-f]{4})\\) (\\w\\w) (?:\\[(.*)]|\\(no value available\\)|.*?)\\s+#\\s*\\d+,\\s*\\d+\\s+(\\w+)$");

    /** The responses findscu wrote (rsp0001.dcm, ...) in order, each as keyword -> value, nested keys too. */
    private static List<Map<String, String>> responses(Path out) throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.list(out)) {
            files = all.filter(p -> p.getFileName().toString().matches("rsp\\d+\\.dcm")).sorted().toList();
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (Path f : files) {
            String dump = Command.of("dcmdump", "+U8", "+L", f.toString()).run().requireSuccess().stdout();
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : dump.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches() && !m.group(2).equals("SQ") && !m.group(2).equals("na")) {
                    values.put(m.group(4), m.group(3) == null ? "" : m.group(3));
                }
            }
            list.add(values);
        }
        return list;
    }
}
