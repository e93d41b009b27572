package org.fovea.app.ui.registration;

import org.fovea.app.ui.common.FxFutures;
import org.fovea.app.ui.common.Threads;
import org.fovea.registration.Booking;
import org.fovea.registration.ExamNotes;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import org.fovea.reporting.ReportingDatabase;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The registration desk's and the technicians' access to the department database, on a thread of
 * their own: the database opens there (so the window does not wait for it), and every read and
 * change runs there, its result arriving on the FX thread. Closing lets the work under way finish
 * (a thread writing to the embedded H2 is never interrupted).
 */
public final class RegistrationService implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistrationService.class);

    /** What the desks work on: the registration tables, the schedule, the queues and the technicians' notes. */
    public record Desk(Registrations registrations, Schedule schedule, Queues queues, ExamNotes notes, Path home) {
    }

    /** Work on the desk, run on the service's thread. */
    public interface Work<T> {
        T apply(Desk desk) throws Exception;
    }

    /** An exam as the registrar's table shows it: the order, its patient, its booking (null until booked). */
    public record Row(Order order, Patient patient, Booking booking) {
    }

    private final ExecutorService worker = Threads.pool("fovea-registration", 1);
    private ReportingDatabase database;
    private Desk desk;
    private RuntimeException openError;

    private RegistrationService() {
    }

    /** The desk of a workstation's home: its department database ({@code department.json}, or the embedded H2). */
    public static RegistrationService open(Path home) {
        RegistrationService s = new RegistrationService();
        s.worker.execute(() -> {
            try {
                ReportingDatabase db = ReportingDatabase.forHome(home);
                s.database = db;
                Registrations r = Registrations.open(db.dataSource());
                Clock clock = Clock.systemDefaultZone();
                s.desk = new Desk(r, new Schedule(r, clock), new Queues(r, clock), new ExamNotes(r, clock), home);
            } catch (RuntimeException e) {
                s.openError = e;
            }
        });
        return s;
    }

    /** Runs the work on the service's thread; the future completes on the FX thread with its result or its error. */
    public <T> CompletableFuture<T> run(Work<T> work) {
        return FxFutures.onFx(() -> {
            if (openError != null) {
                throw new IllegalStateException(openError.getMessage(), openError);
            }
            try {
                return work.apply(desk);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, worker);
    }

    /**
     * The rows of exams, read on the service's thread: each patient once, the bookings in one
     * query (a search shows up to 200 exams, often several of one patient).
     */
    static java.util.List<Row> rows(Desk d, java.util.List<Order> orders) {
        java.util.Map<String, Booking> booked = d.schedule().bookings(orders.stream().map(Order::accessionNumber).toList());
        java.util.Map<String, java.util.Optional<Patient>> patients = new java.util.HashMap<>();
        return orders.stream().map(o -> new Row(o, patients.computeIfAbsent(o.patientId(),
                id -> d.registrations().patient(id)).orElse(null), booked.get(o.accessionNumber()))).toList();
    }

    /** The row of an exam, read on the service's thread. */
    static Row row(Desk d, Order o) {
        return new Row(o, d.registrations().patient(o.patientId()).orElse(null),
                d.schedule().booking(o.accessionNumber()).orElse(null));
    }

    /**
     * The sentence a desk shows for a failure: registration's refusals are already sentences
     * (naming the exam and what to do); anything else is logged and named.
     */
    static String sentence(Throwable error) {
        if (error instanceof IllegalArgumentException && error.getMessage() != null) {
            return error.getMessage();
        }
        LOG.error("Registration desk: the work failed", error);
        return error.getMessage() != null ? error.getMessage() : error.toString();
    }

    @Override
    public void close() {
        worker.execute(() -> {
            if (database != null) {
                database.close();
            }
        });
        worker.shutdown();
    }
}
