package org.fovea.app.cli;

import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.registration.Device;
import org.fovea.registration.ExamNotes;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import org.fovea.reporting.ReportingDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The demo department's registration (issue 16), made once: four devices (two CTs, a DR, an MR)
 * open all day, the demo studies' exams registered under their accession numbers (examined, the
 * chest film with a technician's note for the radiologist), and today's patients from the HIS
 * booked, some checked in to CT 1's queue and one called, so the 登记 and 检查 tabs (log in as
 * zhao, the registrar, or wang, the technician) and the waiting-room display have something to show.
 */
final class DemoRegistration {

    private DemoRegistration() {
    }

    /** Registers the demo department unless it has devices already; returns the exams registered. */
    static int ensure(LocalArchive archive, Path home, DemoSize size) throws Exception {
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            Registrations r = Registrations.open(db.dataSource());
            Clock clock = Clock.systemDefaultZone();
            Schedule schedule = new Schedule(r, clock);
            if (!schedule.devices().isEmpty()) {
                return 0;
            }
            LocalTime opens = LocalTime.MIN;
            LocalTime closes = LocalTime.of(23, 45);
            schedule.saveDevice(new Device("CT1", "CT 1 室", "CT", "CT1", "CT1_AE", 15, 2, opens, closes, true));
            schedule.saveDevice(new Device("CT2", "CT 2 室", "CT", "CT2", "CT2_AE", 15, 2, opens, closes, true));
            schedule.saveDevice(new Device("DR1", "DR 室", "DX", "DR1", "DR1_AE", 10, 3, opens, closes, true));
            schedule.saveDevice(new Device("MR1", "MR 室", "MR", "MR1", "MR1_AE", 30, 1, opens, closes, true));
            schedule.addShift("CT1", LocalDate.now(), "wang", opens, closes);
            int exams = 0;
            try (Connection c = db.dataSource().getConnection()) {
                for (DemoStudy d : DemoStudy.values()) {
                    StudySummary s = archive.study(d.studyUid(size)).orElse(null);
                    if (s != null) {
                        r.savePatient(c, new Patient(s.patientId(), s.patientName(), s.sex(), "", "13800000000", "无", ""),
                                clock.millis());
                        examined(c, s, d);
                        exams++;
                    }
                }
            }
            StudySummary dr = archive.study(DemoStudy.CHEST_DR.studyUid(size)).orElse(null);
            if (dr != null) {
                new ExamNotes(r, clock).add(dr.accession(), "wang", "患者吸气欠佳，心影可能被放大，请结合临床");
            }
            String[][] today = {
                    {"H0001", "刘^德明", "M", "19560818", "胸部CT平扫", "CT", "肺结节复查", "无"},
                    {"H0002", "陈^秀英", "F", "19620302", "头颅CT平扫", "CT", "头晕待查", "青霉素过敏"},
                    {"H0003", "ZHOU^JIE=周^杰", "M", "19880911", "腹部CT增强", "CT", "腹痛", "碘对比剂过敏"},
                    {"H0004", "黄^丽", "F", "19750123", "胸部正位片", "DX", "体检", "无"},
                    {"H0005", "欧阳^明", "M", "19490607", "腰椎MR平扫", "MR", "腰痛", "无"}};
            Queues queues = new Queues(r, clock);
            int n = 0;
            for (String[] p : today) {
                Order o;
                try (Connection c = db.dataSource().getConnection()) {
                    r.savePatient(c, new Patient(p[0], p[1], p[2], p[3], "139" + String.format("%08d", ++n), p[7], ""),
                            clock.millis());
                    o = r.placeOrder(c, new Order(0, "HIS-DEMO-" + n, "", p[0], "", p[4], p[5], p[6], "门诊 孙医生",
                            "ROUTINE", "ORDERED", "HL7"), clock.millis());
                }
                schedule.book(o.accessionNumber(), LocalDate.now());
                if (n <= 3) {
                    queues.checkIn(o.accessionNumber());
                }
                exams++;
            }
            queues.next("CT1", "wang");
            return exams;
        }
    }

    /** A demo study's exam, already done: registered under the study's own accession number. */
    private static void examined(Connection c, StudySummary s, DemoStudy d) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_orders (placer_order, accession_number, "
                + "patient_id, procedure_text, modality, status, source, created_ms, updated_ms) VALUES ('', ?, ?, ?, ?, "
                + "'EXAMINED', 'MANUAL', ?, ?)")) {
            long now = System.currentTimeMillis();
            ps.setString(1, s.accession());
            ps.setString(2, s.patientId());
            ps.setString(3, d.studyDescription());
            ps.setString(4, s.modalities().split("\\\\")[0]);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }
}
