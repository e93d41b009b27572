package org.fovea.registration;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queue calling (T1) on H2 and PostgreSQL: an emergency is called first, then by check-in; recall
 * calls the same patient again; a skipped patient goes back behind the next three; done finishes
 * the exam; a cancelled or unknown exam is not checked in; two technicians pressing Next at once,
 * forty times, never call the same patient twice.
 */
class QueuesTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void callRecallSkipAndNextOnTheEmbeddedDatabase() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void callRecallSkipAndNextOnPostgreSql() throws Exception {
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    private static List<String> order(Registrations r, int n, String priority) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = r.dataSource().getConnection()) {
            for (int i = 0; i < n; i++) {
                String id = "Q" + priority.charAt(0) + System.nanoTime();
                r.savePatient(c, new Patient(id, "患者^" + i, "F", "", "", "", ""), System.currentTimeMillis());
                out.add(r.placeOrder(c, new Order(0, "", "", id, "CT001", "胸部CT平扫", "CT", "", "", priority,
                        "ORDERED", "MANUAL"), System.currentTimeMillis()).accessionNumber());
            }
        }
        return out;
    }

    private static void exercise(Registrations r) throws Exception {
        Queues q = new Queues(r, Clock.systemUTC());
        List<String> routine = order(r, 6, "ROUTINE");
        for (String acc : routine) {
            q.checkIn(acc, "CT1");
            Thread.sleep(2);
        }
        String emergency = order(r, 1, "EMERGENCY").get(0);
        q.checkIn(emergency, "CT1");
        assertThatThrownBy(() -> q.checkIn(emergency, "CT1")).hasMessage("Exam " + emergency
                + " is checked in already: it cannot be checked in");
        assertThatThrownBy(() -> q.checkIn("NOPE-1", "CT1")).hasMessage("There is no exam NOPE-1");

        QueueEntry first = q.next("CT1", "wang").orElseThrow();
        assertThat(first.accessionNumber()).as("the emergency first").isEqualTo(emergency);
        assertThat(q.recall(first.id(), "wang").calls()).isEqualTo(2);
        assertThat(q.done(first.id()).state()).isEqualTo("DONE");

        QueueEntry a = q.next("CT1", "wang").orElseThrow();
        assertThat(a.accessionNumber()).isEqualTo(routine.get(0));
        QueueEntry skipped = q.skip(a.id());
        assertThat(skipped.state()).isEqualTo("WAITING");
        assertThat(skipped.skips()).isEqualTo(1);
        // behind the next three: 1, 2, 3, then the skipped one, then 4, 5
        assertThat(q.waiting("CT1")).extracting(QueueEntry::accessionNumber).containsExactly(routine.get(1),
                routine.get(2), routine.get(3), routine.get(0), routine.get(4), routine.get(5));
        assertThatThrownBy(() -> q.recall(a.id(), "wang")).hasMessage("Queue entry " + a.id() + " is not called now");

        // two desks at once, forty patients: each called once
        List<String> many = order(r, 40, "ROUTINE");
        for (String acc : many) {
            q.checkIn(acc, "CT2");
        }
        ExecutorService desks = Executors.newFixedThreadPool(2);
        List<String> called = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        for (String tech : List.of("wang", "zhao")) {
            done.add(desks.submit(() -> {
                for (var e = q.next("CT2", tech); e.isPresent(); e = q.next("CT2", tech)) {
                    called.add(e.get().accessionNumber());
                    assertThat(e.get().calledBy()).isEqualTo(tech);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        desks.shutdown();
        assertThat(called).hasSize(40);
        assertThat(new HashSet<>(called)).hasSize(40);
        assertThat(q.waiting("CT2")).isEmpty();
        assertThat(q.called("CT2")).hasSize(40);
    }
}
