package org.fovea.registration;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scheduling (T6) on H2 and PostgreSQL: the earliest free slot, the less loaded of two devices
 * free at once, full slots and past slots passed over, shifts limiting a day, a visit of two body
 * parts in one slot, an emergency booked now over capacity, a cancelled exam's place given again,
 * check-in into the booked device's room, and two desks booking at once never overfilling a slot.
 */
class ScheduleTest {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void bookingOnTheEmbeddedDatabase() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void bookingOnPostgreSql() throws Exception {
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    static Clock at(LocalDate day, int hour, int minute) {
        return Clock.fixed(LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(ZONE).toInstant(), ZONE);
    }

    static String exam(Registrations r, String modality, String priority, String procedure) throws Exception {
        try (Connection c = r.dataSource().getConnection()) {
            String id = "S" + System.nanoTime();
            r.savePatient(c, new Patient(id, "患者^" + id.substring(id.length() - 3), "M", "19700101", "13800000000",
                    "无", ""), System.currentTimeMillis());
            return r.placeOrder(c, new Order(0, "", "", id, "P1", procedure, modality, "咳嗽", "", priority, "ORDERED",
                    "MANUAL"), System.currentTimeMillis()).accessionNumber();
        }
    }

    private static void exercise(Registrations r) throws Exception {
        Schedule s = new Schedule(r, at(MONDAY, 7, 30));
        s.saveDevice(new Device("CT1", "CT 1 室", "CT", "CT1", "CT1_AE", 15, 2, LocalTime.of(8, 0), LocalTime.of(9, 0), true));
        s.saveDevice(new Device("CT2", "CT 2 室", "CT", "CT2", "CT2_AE", 15, 1, LocalTime.of(8, 0), LocalTime.of(8, 30), true));
        s.saveDevice(new Device("MR1", "MR 室", "MR", "MR1", "MR1_AE", 30, 1, LocalTime.of(8, 0), LocalTime.of(9, 0), true));

        // both free at 08:00: the first; then the less loaded; then CT1's second place; then 08:15
        List<Booking> b = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            b.add(s.book(exam(r, "CT", "ROUTINE", "胸部CT平扫"), MONDAY));
        }
        assertThat(b).extracting(Booking::deviceCode).containsExactly("CT1", "CT2", "CT1", "CT2");
        assertThat(b).extracting(x -> x.slot().toString()).containsExactly("08:00", "08:00", "08:00", "08:15");
        assertThat(b).extracting(Booking::day).containsOnly(MONDAY);
        assertThat(b).extracting(Booking::studyUid).doesNotHaveDuplicates().allMatch(u -> u.matches("[0-9.]+"));
        assertThat(r.order(b.get(0).accessionNumber()).orElseThrow().status()).isEqualTo("BOOKED");
        assertThat(s.day("CT1", MONDAY)).extracting(Schedule.Slot::booked).containsExactly(2, 0, 0, 0);

        // a visit of two body parts takes two places of one slot: 08:15 on CT1 (CT2 takes one)
        List<Booking> visit = s.book(List.of(exam(r, "CT", "ROUTINE", "头颅CT平扫"), exam(r, "CT", "ROUTINE", "胸部CT平扫")),
                MONDAY);
        assertThat(visit).extracting(Booking::deviceCode).containsOnly("CT1");
        assertThat(visit).extracting(x -> x.slot().toString()).containsOnly("08:15");
        assertThat(visit).extracting(Booking::visit).containsOnly(visit.get(0).accessionNumber());
        assertThatThrownBy(() -> s.book(List.of(exam(r, "CT", "ROUTINE", "x"), exam(r, "MR", "ROUTINE", "y")), MONDAY))
                .hasMessageContaining("different devices");
        assertThatThrownBy(() -> s.book(visit.get(0).accessionNumber(), MONDAY))
                .hasMessageContaining(visit.get(0).accessionNumber()).hasMessageContaining("booked");
        assertThatThrownBy(() -> s.book(exam(r, "DX", "ROUTINE", "胸片"), MONDAY)).hasMessageContaining("No device")
                .hasMessageContaining("DX");

        // later in the morning the slots already over are passed over
        Schedule late = new Schedule(r, at(MONDAY, 8, 40));
        assertThat(late.book(exam(r, "CT", "ROUTINE", "腹部CT"), MONDAY).slot()).isEqualTo(LocalTime.of(8, 30));

        // a cancelled exam's place is free again
        String cancelled = b.get(1).accessionNumber();
        try (Connection c = r.dataSource().getConnection()) {
            assertThat(r.cancelExam(c, cancelled, 0)).isTrue();
        }
        assertThat(s.day("CT2", MONDAY).get(0).booked()).isZero();

        // the next day has shifts: CT1 open only 08:30-09:00, with tech.li; CT2 not staffed at all
        LocalDate tuesday = MONDAY.plusDays(1);
        s.addShift("CT1", tuesday, "tech.li", LocalTime.of(8, 30), LocalTime.of(9, 0));
        s.addShift("CT2", tuesday, "tech.wu", LocalTime.of(12, 0), LocalTime.of(13, 0));
        Booking shift = s.book(exam(r, "CT", "ROUTINE", "胸部CT平扫"), tuesday);
        assertThat(shift.deviceCode()).isEqualTo("CT1");
        assertThat(shift.slot()).isEqualTo(LocalTime.of(8, 30));
        assertThat(shift.technician()).isEqualTo("tech.li");

        // MR1 takes one an hour-slot: the third MR goes to the next day
        s.book(exam(r, "MR", "ROUTINE", "头颅MR"), MONDAY);
        s.book(exam(r, "MR", "ROUTINE", "头颅MR"), MONDAY);
        assertThat(s.book(exam(r, "MR", "ROUTINE", "头颅MR"), MONDAY).day()).isEqualTo(tuesday);

        // an emergency now: over capacity, on the device with the fewest waiting
        Queues q = new Queues(r, at(MONDAY, 8, 5));
        q.checkIn(b.get(0).accessionNumber());
        Schedule now = new Schedule(r, at(MONDAY, 8, 5));
        String urgent = exam(r, "CT", "EMERGENCY", "头颅CT平扫（急诊）");
        Booking e = now.book(urgent, MONDAY);
        assertThat(e.deviceCode()).isEqualTo("CT2");
        assertThat(e.slot()).isEqualTo(LocalTime.of(8, 0));
        assertThat(e.day()).isEqualTo(MONDAY);
        q.checkIn(exam(r, "CT", "ROUTINE", "胸部CT平扫"), "CT2");
        assertThat(q.checkIn(urgent).room()).isEqualTo("CT2");
        assertThat(q.next("CT2", "tech.wu").orElseThrow().accessionNumber()).isEqualTo(urgent);
        assertThat(q.entry(q.waiting("CT1").get(0).id()).orElseThrow().accessionNumber())
                .isEqualTo(b.get(0).accessionNumber());
        assertThatThrownBy(() -> q.checkIn(exam(r, "CT", "ROUTINE", "x"))).hasMessageContaining("not booked");

        // a device open until late: its day ends at closing, not wrapping past midnight
        s.saveDevice(new Device("US1", "超声室", "US", "US1", "US1_AE", 15, 1, LocalTime.MIN, LocalTime.of(23, 45), true));
        assertThat(s.day("US1", MONDAY)).hasSize(95).last().extracting(Schedule.Slot::start).isEqualTo(LocalTime.of(23, 30));
        assertThat(new Schedule(r, at(MONDAY, 23, 35)).book(exam(r, "US", "ROUTINE", "腹部彩超"), MONDAY).slot())
                .isEqualTo(LocalTime.of(23, 30));

        // two desks booking at once never put more into a slot than it takes
        s.saveDevice(new Device("DR1", "DR 室", "DX", "DR1", "DR1_AE", 10, 3, LocalTime.of(8, 0), LocalTime.of(12, 0), true));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(exam(r, "DX", "ROUTINE", "胸部正位片"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < many.size(); i += 2) {
                    s.book(many.get(i), MONDAY);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(s.day("DR1", MONDAY)).extracting(Schedule.Slot::booked).startsWith(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)
                .allMatch(n -> n <= 3);
        assertThat(s.bookings("DR1", MONDAY)).hasSize(30);
    }
}
