package org.fovea.reporting.teaching;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Teaching cases on each database: marked by category, re-marked, listed in the order of a morning reading. */
abstract class TeachingCasesContract {

    abstract ReportingDatabase openDatabase();

    private ReportingDatabase db;

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static StudyRef study(String uid, String name) {
        return new StudyRef(uid, "A" + uid, "P" + uid, name, "M", null, "", LocalDate.of(2026, 11, 1), "CT", "CHEST",
                "CT胸部平扫", "", "");
    }

    @Test
    void casesAreListedByCategoryInTheOrderTheyWereMarked() {
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        TeachingCases at8 = new TeachingCases(db.dataSource(), Clock.fixed(t0, ZoneOffset.UTC));
        TeachingCases at9 = new TeachingCases(db.dataSource(), Clock.fixed(t0.plusSeconds(3600), ZoneOffset.UTC));
        at9.mark(study("1.1", "ZHAO^LEI=赵^磊"), "肺结节", "磨玻璃结节，随访增大", "zhang");
        at8.mark(study("1.2", "QIAN^YU=钱^玉"), "肺结节", "分叶、毛刺", "chen");
        at8.mark(study("1.3", "SUN^LI=孙^丽"), "骨折", "隐匿性肋骨骨折", "zhang");
        assertThat(at8.list("肺结节")).extracting(t -> t.study().studyUid()).containsExactly("1.2", "1.1");
        assertThat(at8.categories()).containsExactly("肺结节", "骨折");
        TeachingCase again = at9.mark(study("1.3", "SUN^LI=孙^丽"), "肋骨骨折", "第 5 肋", "zhang");
        assertThat(again.category()).isEqualTo("肋骨骨折");
        assertThat(at8.list("")).hasSize(3);
        assertThat(at8.categories()).containsExactly("肋骨骨折", "肺结节");
        at8.unmark(again.id());
        assertThat(at8.list("")).extracting(t -> t.study().patientName()).containsExactlyInAnyOrder("ZHAO^LEI=赵^磊",
                "QIAN^YU=钱^玉");
        assertThatThrownBy(() -> at8.mark(study("1.4", "X"), " ", "", "zhang")).hasMessageContaining("category");
    }
}
