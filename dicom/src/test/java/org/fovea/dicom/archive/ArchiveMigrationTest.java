package org.fovea.dicom.archive;

import org.flywaydb.core.Flyway;
import org.fovea.dicom.CancelToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An archive written before the study list paged and before names had pinyin keys: its H2 file
 * is created with the first schema only and filled with rows as that version wrote them (name
 * keys of lower-case groups, with and without spaces). Opening it with this version migrates it.
 */
class ArchiveMigrationTest {

    @TempDir
    Path home;
    @TempDir
    Path in;

    @Test
    void anArchiveOfTheFirstSchemaGetsPinyinKeysAndTheNewestFirstIndexAndKeepsItsRows() throws Exception {
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("fovea");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/archive").target("1")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(indexes(c)).contains("STUDY_BY_DATE").doesNotContain("STUDY_NEWEST");
            long wang = patient(c, "OLD1", "王^建国", "王 建国|王建国");
            long zhang = patient(c, "OLD2", "ZHANG^WEI=张^伟", "zhang wei|zhangwei|张 伟|张伟");
            study(c, wang, "2.25.901", LocalDate.of(2019, 5, 2), "CT", 3);
            study(c, wang, "2.25.902", LocalDate.of(2023, 1, 9), "DX", 1);
            study(c, zhang, "2.25.903", null, "MR", 2);
            study(c, zhang, "2.25.904", LocalDate.of(2021, 7, 30), "CR", 1);
        }

        try (LocalArchive archive = LocalArchive.open(home)) {
            assertThat(archive.findStudies(StudyQuery.all(), 0, 10).studies())
                    .extracting(StudySummary::studyUid).containsExactly("2.25.902", "2.25.904", "2.25.901", "2.25.903");
            assertThat(archive.findStudies(StudyQuery.all())).extracting(StudySummary::instanceCount)
                    .containsExactly(1, 1, 3, 2);
            for (String text : List.of("wjg", "wangjianguo", "wang jianguo", "王建国")) {
                assertThat(archive.findStudies(StudyQuery.byName(text))).as(text)
                        .extracting(StudySummary::studyUid).containsExactly("2.25.902", "2.25.901");
            }
            for (String text : List.of("zw", "zhang wei", "张伟")) {
                assertThat(archive.findStudies(StudyQuery.byName(text))).as(text)
                        .extracting(StudySummary::studyUid).containsExactly("2.25.904", "2.25.903");
            }
            // eight polyphonic characters: a key longer than the first schema's 2,048 characters
            String polyphonic = "和重^行长乐单曾和";
            ImportReport report = archive.importPaths(List.of(TinyImage.of(polyphonic, "NEW1").write(in)),
                    ImportListener.none(), CancelToken.none());
            assertThat(report.failures()).isEmpty();
            assertThat(archive.findStudies(StudyQuery.byName("hzxzldch"))).extracting(StudySummary::patientId)
                    .containsExactly("NEW1");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(indexes(c)).contains("STUDY_NEWEST").doesNotContain("STUDY_BY_DATE");
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT LENGTH(name_search) FROM patient WHERE patient_id = 'NEW1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThan(2048);
            }
        }
    }

    private static List<String> indexes(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT index_name FROM information_schema.indexes WHERE table_name = 'STUDY'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static long patient(Connection c, String id, String name, String oldKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (patient_id, patient_name, name_search, sex) "
                + "VALUES (?,?,?,'M')", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, oldKey);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void study(Connection c, long patient, String uid, LocalDate date, String modality, int images)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO study (study_uid, patient_pk, study_date, "
                + "study_time, description, accession, patient_age) VALUES (?,?,?,'080000','','','')")) {
            ps.setString(1, uid);
            ps.setLong(2, patient);
            ps.setObject(3, date);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series (series_uid, study_uid, number, modality, "
                + "description, body_part) VALUES (?,?,1,?,'','')")) {
            ps.setString(1, uid + ".1");
            ps.setString(2, uid);
            ps.setString(3, modality);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance (sop_uid, series_uid, sop_class_uid, "
                + "transfer_syntax, rows_count, columns_count, frames, rel_path, size_bytes, sha256, imported_at) "
                + "VALUES (?,?,'1.2.840.10008.5.1.4.1.1.2','1.2.840.10008.1.2.1',4,4,1,?,0,?,CURRENT_TIMESTAMP)")) {
            for (int i = 1; i <= images; i++) {
                ps.setString(1, uid + ".1." + i);
                ps.setString(2, uid + ".1");
                ps.setString(3, uid + "/" + uid + ".1/" + i + ".dcm");
                ps.setString(4, "0".repeat(64));
                ps.executeUpdate();
            }
        }
    }
}
