package org.fovea.reporting.audit;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit chain on each database: intact as written, even with four writers at once; an edited
 * record, a deleted one and a record cut from the end are each found and named; search and CSV.
 */
abstract class AuditContract {

    abstract ReportingDatabase openDatabase();

    private ReportingDatabase db;
    private AuditLog log;
    private final Actor zhang = new Actor("zhangwei", "CT-READ-1");

    @BeforeEach
    void open() {
        db = openDatabase();
        log = new AuditLog(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private void five() {
        log.append(zhang, AuditAction.LOGIN, "user", "zhangwei", "");
        log.append(zhang, AuditAction.OPEN_STUDY, "study", "1.2.3", "胸部CT平扫");
        log.append(zhang, AuditAction.OPEN_REPORT, "report", "7", "");
        log.append(zhang, AuditAction.SIGN_REPORT, "report", "7", "final, \"level 2\"");
        log.append(new Actor("li", "CT-READ-2"), AuditAction.EXPORT_REPORT, "report", "7", "PDF");
    }

    @Test
    void anIntactChainVerifiesAndIsSearchedAndExported() throws Exception {
        five();
        AuditCheck check = log.verify();
        assertThat(check.intact()).as(check.problems().toString()).isTrue();
        assertThat(check.checked()).isEqualTo(5);
        assertThat(check.headHash()).hasSize(64).isEqualTo(log.search(null, null, "", null, 10).get(4).hash());
        assertThat(log.search(null, null, "zhangwei", null, 100)).hasSize(4);
        assertThat(log.search(null, null, "", AuditAction.EXPORT_REPORT, 100)).extracting(AuditRecord::workstation)
                .containsExactly("CT-READ-2");
        StringWriter csv = new StringWriter();
        AuditLog.writeCsv(log.search(null, null, "", null, 100), csv);
        assertThat(csv.toString()).startsWith("seq,time,user,workstation,action,objectType,objectId,detail,hash")
                .contains("胸部CT平扫").contains("\"final, \"\"level 2\"\"\"");
    }

    @Test
    void anEditedRecordIsFoundAndNamed() throws Exception {
        five();
        sql("UPDATE audit_log SET detail = 'draft' WHERE seq = 4");
        assertThat(log.verify().problems()).containsExactly(
                "record 4 (SIGN_REPORT by zhangwei at " + log.search(null, null, "", AuditAction.SIGN_REPORT, 1).get(0).at()
                        + ") was changed after it was written");
        sql("UPDATE audit_log SET detail = 'final, \"level 2\"' WHERE seq = 4");
        assertThat(log.verify().intact()).as("put back as it was").isTrue();
        sql("UPDATE audit_log SET user_login = 'li' WHERE seq = 2");
        assertThat(log.verify().problems()).hasSize(1).first().asString().startsWith("record 2 ");
    }

    @Test
    void aDeletedRecordAndACutOffEndAreFound() throws Exception {
        five();
        sql("DELETE FROM audit_log WHERE seq = 2");
        assertThat(log.verify().problems()).containsExactly("records 2 are missing (deleted)");
        sql("DELETE FROM audit_log WHERE seq = 5");
        assertThat(log.verify().problems()).contains("records 5 at the end are missing (deleted)");
    }

    @Test
    void fourWorkstationsAppendingAtOnceKeepOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Actor a = new Actor("user" + w, "WS-" + w);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        log.append(a, AuditAction.OPEN_STUDY, "study", "1.2." + i, "");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditCheck check = log.verify();
        assertThat(check.problems()).isEmpty();
        assertThat(check.checked()).isEqualTo(100);
    }
}
