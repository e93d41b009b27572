package org.fovea.registration;

import org.fovea.dicom.Uids;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduling (T6): devices with slots and a capacity, technicians' shifts, and bookings. Booking
 * picks the earliest slot with room, on a device of the exam's modality that is open and staffed
 * then; of devices free at the same time, the one with the fewest bookings that day. An emergency
 * is not made to wait for a slot: it is booked now, over capacity if need be, on the device of its
 * modality with the fewest patients waiting, and its queue calls it first. The exams of one visit
 * (several body parts of one order) are booked together into one slot.
 *
 * <p>A booking is made in one transaction holding the candidate devices' rows, so two desks
 * booking at once never put more exams into a slot than it takes.
 */
public final class Schedule {

    /** How far ahead booking looks for a free slot. */
    public static final int DAYS_AHEAD = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /** A slot of a device's day: when, how many are booked into it of how many it takes, who is on shift. */
    public record Slot(LocalTime start, int booked, int capacity, String technician) {
        public boolean full() {
            return booked >= capacity;
        }
    }

    private final DataSource db;
    private final Clock clock;

    public Schedule(Registrations registrations, Clock clock) {
        this.db = registrations.dataSource();
        this.clock = clock;
    }

    /** Adds the device or changes it (by its code). */
    public void saveDevice(Device d) {
        try (Connection c = db.getConnection()) {
            boolean known = device(c, d.code()).isPresent();
            try (PreparedStatement ps = c.prepareStatement(known
                    ? "UPDATE reg_devices SET name = ?, modality = ?, room = ?, station_ae = ?, slot_minutes = ?, "
                    + "capacity = ?, opens = ?, closes = ?, active = ? WHERE code = ?"
                    : "INSERT INTO reg_devices (name, modality, room, station_ae, slot_minutes, capacity, opens, closes, "
                    + "active, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Registrations.bind(ps, d.name(), d.modality().strip().toUpperCase(), d.room(), d.stationAe(),
                        d.slotMinutes(), d.capacity(), d.opens().format(HHMM), d.closes().format(HHMM), d.active(),
                        d.code());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public List<Device> devices() {
        try (Connection c = db.getConnection()) {
            return devices(c, "ORDER BY code");
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public Optional<Device> device(String code) {
        try (Connection c = db.getConnection()) {
            return device(c, code);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Puts a technician on a device for part of a day; a day with shifts is open only in them. */
    public void addShift(String deviceCode, LocalDate day, String technician, LocalTime starts, LocalTime ends) {
        if (!starts.isBefore(ends)) {
            throw new IllegalArgumentException("A shift ends after it starts (" + starts + "–" + ends + ")");
        }
        try (Connection c = db.getConnection()) {
            device(c, deviceCode).orElseThrow(() -> new IllegalArgumentException("There is no device " + deviceCode));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reg_shifts (device_code, work_day, technician, starts, ends) VALUES (?, ?, ?, ?, ?)")) {
                Registrations.bind(ps, deviceCode, day.format(DAY), technician, starts.format(HHMM), ends.format(HHMM));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Books one exam from {@code from} on (today at the earliest). */
    public Booking book(String accession, LocalDate from) {
        return book(List.of(accession), from).get(0);
    }

    /**
     * Books the exams of one visit into one slot: the first free slot of a device of their
     * modality from {@code from} on, or now for an emergency.
     *
     * @throws IllegalArgumentException naming the exam when one is unknown, cancelled, already
     *                                  booked or past booking, when the exams are of different
     *                                  modalities, or when no device does their modality
     * @throws IllegalStateException    when no slot has room in the next {@link #DAYS_AHEAD} days
     */
    public List<Booking> book(List<String> accessions, LocalDate from) {
        if (accessions.isEmpty()) {
            throw new IllegalArgumentException("Nothing to book");
        }
        long now = clock.millis();
        LocalDateTime at = LocalDateTime.now(clock);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Order> orders = new ArrayList<>();
                for (String acc : accessions) {
                    orders.add(bookable(c, acc));
                }
                String modality = orders.get(0).modality();
                for (Order o : orders) {
                    if (!o.modality().equals(modality)) {
                        throw new IllegalArgumentException("Exams " + orders.get(0).accessionNumber() + " (" + modality
                                + ") and " + o.accessionNumber() + " (" + o.modality() + ") are on different devices: book "
                                + "them as separate visits");
                    }
                }
                List<Device> candidates = devices(c, "WHERE modality = ? AND active = TRUE ORDER BY code FOR UPDATE",
                        modality);
                if (candidates.isEmpty()) {
                    throw new IllegalArgumentException("No device of the department does " + modality + " (exam "
                            + accessions.get(0) + "): add one first");
                }
                boolean emergency = orders.stream().anyMatch(o -> o.priority().equals("EMERGENCY"));
                Choice choice = emergency ? emergencyChoice(c, candidates, at)
                        : firstFree(c, candidates, from.isBefore(at.toLocalDate()) ? at.toLocalDate() : from, at,
                        orders.size());
                List<Booking> out = new ArrayList<>();
                for (Order o : orders) {
                    Booking b = new Booking(o.accessionNumber(), choice.device.code(), choice.day, choice.slot,
                            orders.get(0).accessionNumber(), choice.technician, Uids.random());
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_bookings (accession_number, "
                            + "device_code, work_day, slot, visit, technician, study_uid, booked_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        Registrations.bind(ps, b.accessionNumber(), b.deviceCode(), b.day().format(DAY),
                                b.slot().format(HHMM), b.visit(), b.technician(), b.studyUid(), now);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE reg_orders SET status = 'BOOKED', updated_ms = ? WHERE accession_number = ?")) {
                        Registrations.bind(ps, now, o.accessionNumber());
                        ps.executeUpdate();
                    }
                    out.add(b);
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Order bookable(Connection c, String accession) throws SQLException {
        Order o = Registrations.orders(c, "WHERE accession_number = ? FOR UPDATE", accession).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no exam " + accession));
        if (!o.status().equals("ORDERED")) {
            throw new IllegalArgumentException("Exam " + accession + " is " + o.status().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ": it cannot be booked");
        }
        return o;
    }

    private record Choice(Device device, LocalDate day, LocalTime slot, String technician) {
    }

    private Choice firstFree(Connection c, List<Device> devices, LocalDate from, LocalDateTime now, int places)
            throws SQLException {
        for (int d = 0; d < DAYS_AHEAD; d++) {
            LocalDate day = from.plusDays(d);
            Choice best = null;
            int bestLoad = 0;
            for (Device device : devices) {
                List<Slot> slots = slots(c, device, day);
                int load = slots.stream().mapToInt(Slot::booked).sum();
                for (Slot s : slots) {
                    boolean past = day.equals(now.toLocalDate())
                            && minutes(s.start()) + device.slotMinutes() <= minutes(now.toLocalTime());
                    if (!past && s.booked() + places <= s.capacity() && s.technician() != null) {
                        if (best == null || s.start().isBefore(best.slot)
                                || (s.start().equals(best.slot) && load < bestLoad)) {
                            best = new Choice(device, day, s.start(), s.technician());
                            bestLoad = load;
                        }
                        break;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new IllegalStateException("No " + devices.get(0).modality() + " device has room for " + places
                + (places == 1 ? " exam" : " exams") + " in the next " + DAYS_AHEAD + " days from " + from);
    }

    private Choice emergencyChoice(Connection c, List<Device> devices, LocalDateTime now) throws SQLException {
        Device best = devices.stream().min(Comparator.comparingInt((Device d) -> waiting(c, d.room()))
                .thenComparing(Device::code)).orElseThrow();
        LocalDate day = now.toLocalDate();
        LocalTime time = now.toLocalTime().withSecond(0).withNano(0);
        String technician = "";
        for (Slot s : slots(c, best, day)) {
            if (minutes(s.start()) <= minutes(time) && minutes(s.start()) + best.slotMinutes() > minutes(time)) {
                time = s.start();
                technician = s.technician() == null ? "" : s.technician();
            }
        }
        return new Choice(best, day, time, technician);
    }

    private static int waiting(Connection c, String room) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM queue_entries WHERE room = ? AND state IN ('WAITING', 'CALLED')")) {
            ps.setString(1, room);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * A device's day: its slots, how full each is, and the technician on shift (null when a day
     * with shifts has nobody then: the slot takes no booking). Exams booked over capacity (an
     * emergency) count in the slot they were put in, or in one of their own outside the hours.
     */
    public List<Slot> day(String deviceCode, LocalDate day) {
        try (Connection c = db.getConnection()) {
            Device d = device(c, deviceCode).orElseThrow(() -> new IllegalArgumentException("There is no device "
                    + deviceCode));
            return slots(c, d, day);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static List<Slot> slots(Connection c, Device d, LocalDate day) throws SQLException {
        String dayText = day.format(DAY);
        Map<LocalTime, Integer> booked = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT b.slot, COUNT(*) FROM reg_bookings b JOIN reg_orders o "
                + "ON o.accession_number = b.accession_number WHERE b.device_code = ? AND b.work_day = ? AND o.status <> "
                + "'CANCELLED' GROUP BY b.slot")) {
            Registrations.bind(ps, d.code(), dayText);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    booked.put(LocalTime.parse(rs.getString(1), HHMM), rs.getInt(2));
                }
            }
        }
        List<LocalTime[]> shifts = new ArrayList<>();
        List<String> technicians = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT starts, ends, technician FROM reg_shifts WHERE device_code = ? AND work_day = ? ORDER BY starts")) {
            Registrations.bind(ps, d.code(), dayText);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shifts.add(new LocalTime[]{LocalTime.parse(rs.getString(1), HHMM), LocalTime.parse(rs.getString(2), HHMM)});
                    technicians.add(rs.getString(3));
                }
            }
        }
        List<Slot> out = new ArrayList<>();
        // in minutes of the day: LocalTime wraps at midnight, so a device open until 23:45 would never end
        int closes = d.closes().toSecondOfDay() / 60;
        for (int m = d.opens().toSecondOfDay() / 60; m + d.slotMinutes() <= closes; m += d.slotMinutes()) {
            LocalTime t = LocalTime.ofSecondOfDay(m * 60L);
            String technician = shifts.isEmpty() ? "" : null;
            for (int i = 0; i < shifts.size(); i++) {
                if (m >= minutes(shifts.get(i)[0]) && m + d.slotMinutes() <= minutes(shifts.get(i)[1])) {
                    technician = technicians.get(i);
                    break;
                }
            }
            out.add(new Slot(t, booked.getOrDefault(t, 0), d.capacity(), technician));
            booked.remove(t);
        }
        booked.forEach((t, n) -> out.add(new Slot(t, n, 0, "")));
        out.sort(Comparator.comparing(Slot::start));
        return out;
    }

    /** The booking of an exam. */
    public Optional<Booking> booking(String accession) {
        return bookings("WHERE b.accession_number = ?", accession).stream().findFirst();
    }

    /**
     * The booking that gave an exam this Study Instance UID, if any: whose images a file of that
     * study is. No index serves it (a hand upload asks once per study it brings, and the bookings
     * are one row per exam).
     */
    public Optional<Booking> bookingOfStudy(String studyUid) {
        return bookings("WHERE b.study_uid = ?", studyUid).stream().findFirst();
    }

    /** The bookings of these exams, by accession number (one query, for a list of exams). */
    public java.util.Map<String, Booking> bookings(List<String> accessions) {
        if (accessions.isEmpty()) {
            return java.util.Map.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(accessions.size(), "?"));
        java.util.Map<String, Booking> out = new HashMap<>();
        for (Booking b : bookings("WHERE b.accession_number IN (" + marks + ")", accessions.toArray())) {
            out.put(b.accessionNumber(), b);
        }
        return out;
    }

    /** A device's bookings of a day, by slot, cancelled exams left out. */
    public List<Booking> bookings(String deviceCode, LocalDate day) {
        return bookings("JOIN reg_orders o ON o.accession_number = b.accession_number WHERE b.device_code = ? AND "
                + "b.work_day = ? AND o.status <> 'CANCELLED' ORDER BY b.slot, b.booked_ms", deviceCode, day.format(DAY));
    }

    private List<Booking> bookings(String where, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT b.accession_number, "
                + "b.device_code, b.work_day, b.slot, b.visit, b.technician, b.study_uid FROM reg_bookings b " + where)) {
            Registrations.bind(ps, params);
            List<Booking> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Booking(rs.getString(1), rs.getString(2), LocalDate.parse(rs.getString(3), DAY),
                            LocalTime.parse(rs.getString(4), HHMM), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Optional<Device> device(Connection c, String code) throws SQLException {
        return devices(c, "WHERE code = ?", code).stream().findFirst();
    }

    private static List<Device> devices(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, modality, room, station_ae, slot_minutes, "
                + "capacity, opens, closes, active FROM reg_devices " + where)) {
            Registrations.bind(ps, params);
            List<Device> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getInt(7), LocalTime.parse(rs.getString(8), HHMM),
                            LocalTime.parse(rs.getString(9), HHMM), rs.getBoolean(10)));
                }
            }
            return out;
        }
    }

    private static int minutes(LocalTime t) {
        return t.toSecondOfDay() / 60;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the schedule cannot be read or changed: " + e.getMessage(), e);
    }
}
