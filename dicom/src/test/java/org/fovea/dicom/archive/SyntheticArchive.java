package org.fovea.dicom.archive;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.HexFormat;

/**
 * Fills an archive's index with generated rows, as a large department archive would hold them,
 * for the study list's tests and benchmark: what is measured there is the index, so no files are
 * written (the rows' paths lead nowhere). The mix: 6 % CT studies (2-3 series of 100-400 images),
 * 8 % MR (3-6 series of 20-40), the rest single-image DX and CR; patients with 1-3 studies over
 * ten years (2015-2024); Chinese names, half with an alphabetic (pinyin) group and half in
 * characters only, some of them with polyphonic characters (单, 曾, 长, 乐); one study in 200
 * without a study date and one series in 50 without a number. The same seed gives the same rows.
 */
public final class SyntheticArchive {

    /** What was generated. */
    public record Stats(int patients, int studies, int series, long instances) {
    }

    /** Surnames with the reading a pinyin group would carry: 单 as a surname is SHAN, 曾 ZENG. */
    private static final String[][] SURNAMES = {
        {"王", "WANG"}, {"李", "LI"}, {"张", "ZHANG"}, {"刘", "LIU"}, {"陈", "CHEN"}, {"杨", "YANG"},
        {"黄", "HUANG"}, {"赵", "ZHAO"}, {"吴", "WU"}, {"周", "ZHOU"}, {"徐", "XU"}, {"孙", "SUN"},
        {"马", "MA"}, {"朱", "ZHU"}, {"胡", "HU"}, {"郭", "GUO"}, {"何", "HE"}, {"林", "LIN"},
        {"罗", "LUO"}, {"高", "GAO"}, {"郑", "ZHENG"}, {"梁", "LIANG"}, {"谢", "XIE"}, {"宋", "SONG"},
        {"唐", "TANG"}, {"韩", "HAN"}, {"冯", "FENG"}, {"邓", "DENG"}, {"曹", "CAO"}, {"彭", "PENG"},
        {"曾", "ZENG"}, {"田", "TIAN"}, {"董", "DONG"}, {"潘", "PAN"}, {"袁", "YUAN"}, {"蔡", "CAI"},
        {"蒋", "JIANG"}, {"余", "YU"}, {"杜", "DU"}, {"叶", "YE"}, {"程", "CHENG"}, {"魏", "WEI"},
        {"苏", "SU"}, {"吕", "LV"}, {"丁", "DING"}, {"沈", "SHEN"}, {"钟", "ZHONG"}, {"崔", "CUI"},
        {"单", "SHAN"}, {"欧阳", "OUYANG"},
    };
    private static final String[][] GIVEN = {
        {"建", "JIAN"}, {"国", "GUO"}, {"伟", "WEI"}, {"芳", "FANG"}, {"娜", "NA"}, {"秀", "XIU"},
        {"英", "YING"}, {"敏", "MIN"}, {"静", "JING"}, {"丽", "LI"}, {"强", "QIANG"}, {"磊", "LEI"},
        {"军", "JUN"}, {"洋", "YANG"}, {"勇", "YONG"}, {"艳", "YAN"}, {"杰", "JIE"}, {"娟", "JUAN"},
        {"涛", "TAO"}, {"明", "MING"}, {"超", "CHAO"}, {"霞", "XIA"}, {"平", "PING"}, {"刚", "GANG"},
        {"华", "HUA"}, {"玉", "YU"}, {"红", "HONG"}, {"文", "WEN"}, {"辉", "HUI"}, {"鹏", "PENG"},
        {"斌", "BIN"}, {"宇", "YU"}, {"浩", "HAO"}, {"凯", "KAI"}, {"晨", "CHEN"}, {"欣", "XIN"},
        {"怡", "YI"}, {"佳", "JIA"}, {"涵", "HAN"}, {"轩", "XUAN"}, {"博", "BO"}, {"思", "SI"},
        {"晓", "XIAO"}, {"春", "CHUN"}, {"海", "HAI"}, {"燕", "YAN"}, {"长", "CHANG"}, {"乐", "LE"},
    };
    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    private static final int DAYS = 3653;
    private static final String CT_CLASS = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR_CLASS = "1.2.840.10008.5.1.4.1.1.4";
    private static final String DX_CLASS = "1.2.840.10008.5.1.4.1.1.1.1";
    private static final String CR_CLASS = "1.2.840.10008.5.1.4.1.1.1";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int COMMIT_EVERY = 20_000;

    private final Random random;
    private final Connection c;
    private final PreparedStatement patientRow;
    private final PreparedStatement studyRow;
    private final PreparedStatement seriesRow;
    private final PreparedStatement instanceRow;
    private final Timestamp importedAt = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
    private int patients;
    private int studies;
    private int seriesCount;
    private long instances;
    private int pendingRows;

    private SyntheticArchive(Connection c, long seed) throws SQLException {
        this.c = c;
        this.random = new Random(seed);
        patientRow = c.prepareStatement("INSERT INTO patient (pk, patient_id, patient_name, name_search, sex, birth_date) "
                + "VALUES (?,?,?,?,?,?)");
        studyRow = c.prepareStatement("INSERT INTO study (study_uid, patient_pk, study_date, study_time, description, "
                + "accession, patient_age) VALUES (?,?,?,?,?,?,?)");
        seriesRow = c.prepareStatement("INSERT INTO series (series_uid, study_uid, number, modality, description, "
                + "body_part) VALUES (?,?,?,?,?,?)");
        instanceRow = c.prepareStatement("INSERT INTO instance (sop_uid, series_uid, sop_class_uid, transfer_syntax, "
                + "instance_number, position_key, rows_count, columns_count, frames, rel_path, size_bytes, sha256, "
                + "imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    }

    /**
     * Creates (or brings up to date) the archive of {@code home} and adds patients until it holds
     * {@code instanceRows} more instance rows; the last series is cut short to end exactly there.
     */
    public static Stats generate(Path home, long instanceRows, long seed) {
        LocalArchive.open(home).close();
        String url = "jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("db").resolve("fovea");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            SyntheticArchive g = new SyntheticArchive(c, seed);
            long firstPk = g.nextPatientPk();
            while (g.instances < instanceRows) {
                g.patient(firstPk + g.patients, instanceRows);
            }
            g.flush();
            // the rows above set their keys; the archive's own inserts continue after them
            try (var st = c.createStatement()) {
                st.execute("ALTER TABLE patient ALTER COLUMN pk RESTART WITH " + (firstPk + g.patients));
            }
            c.commit();
            return new Stats(g.patients, g.studies, g.seriesCount, g.instances);
        } catch (SQLException e) {
            throw new IllegalStateException("generating the archive rows failed: " + e.getMessage(), e);
        }
    }

    private long nextPatientPk() throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(pk), 0) + 1 FROM patient")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void patient(long pk, long limit) throws SQLException {
        String[] surname = SURNAMES[random.nextInt(SURNAMES.length)];
        int givenLength = random.nextInt(3) == 0 ? 1 : 2;
        StringBuilder given = new StringBuilder();
        StringBuilder givenPinyin = new StringBuilder();
        for (int i = 0; i < givenLength; i++) {
            String[] g = GIVEN[random.nextInt(GIVEN.length)];
            given.append(g[0]);
            givenPinyin.append(g[1]);
        }
        String ideographic = surname[0] + "^" + given;
        String name = switch (random.nextInt(20)) {
            case 0, 1, 2, 3 -> ideographic;
            case 4, 5, 6 -> "=" + ideographic;
            case 7, 8, 9 -> surname[0] + given;
            default -> surname[1] + "^" + givenPinyin + "=" + ideographic;
        };
        String id = String.format("P%08d", pk);
        LocalDate born = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365));
        patientRow.setLong(1, pk);
        patientRow.setString(2, id);
        patientRow.setString(3, name);
        patientRow.setString(4, PersonNameSearch.key(name));
        patientRow.setString(5, random.nextBoolean() ? "M" : "F");
        patientRow.setObject(6, born);
        patientRow.addBatch();
        patients++;
        int roll = random.nextInt(100);
        int studyCount = roll < 55 ? 1 : roll < 85 ? 2 : 3;
        for (int i = 0; i < studyCount && instances < limit; i++) {
            study(pk, born, limit);
        }
    }

    private void study(long patientPk, LocalDate born, long limit) throws SQLException {
        String uid = uid();
        LocalDate date = random.nextInt(200) == 0 ? null : FIRST_DAY.plusDays(random.nextInt(DAYS));
        int roll = random.nextInt(100);
        String modality = roll < 6 ? "CT" : roll < 14 ? "MR" : roll < 60 ? "DX" : "CR";
        studyRow.setString(1, uid);
        studyRow.setLong(2, patientPk);
        studyRow.setObject(3, date, Types.DATE);
        studyRow.setString(4, String.format("%02d%02d%02d", 7 + random.nextInt(13), random.nextInt(60), random.nextInt(60)));
        studyRow.setString(5, switch (modality) {
            case "CT" -> random.nextBoolean() ? "胸部CT平扫" : "腹部CT增强";
            case "MR" -> random.nextBoolean() ? "头颅MR平扫" : "腰椎MR";
            case "DX" -> "胸部正位";
            default -> "膝关节正位";
        });
        studyRow.setString(6, String.format("A%09d", studies + 1));
        int age = date == null ? 0 : Math.max(0, date.getYear() - born.getYear());
        studyRow.setString(7, String.format("%03dY", age));
        studyRow.addBatch();
        studies++;
        switch (modality) {
            case "CT" -> series(uid, modality, CT_CLASS, 2 + random.nextInt(2), 100, 400, 512, limit);
            case "MR" -> series(uid, modality, MR_CLASS, 3 + random.nextInt(4), 20, 40, 256, limit);
            case "DX" -> series(uid, modality, DX_CLASS, 1, 1, 1, 2048, limit);
            default -> series(uid, modality, CR_CLASS, 1, 1, 1, 2048, limit);
        }
    }

    private void series(String studyUid, String modality, String sopClass, int count, int minImages, int maxImages,
                        int size, long limit) throws SQLException {
        for (int s = 1; s <= count && instances < limit; s++) {
            String uid = uid();
            seriesRow.setString(1, uid);
            seriesRow.setString(2, studyUid);
            seriesRow.setObject(3, random.nextInt(50) == 0 ? null : s, Types.INTEGER);
            seriesRow.setString(4, modality);
            seriesRow.setString(5, modality + " " + s);
            seriesRow.setString(6, "");
            seriesRow.addBatch();
            seriesCount++;
            int images = (int) Math.min(limit - instances, minImages + random.nextInt(maxImages - minImages + 1));
            for (int i = 1; i <= images; i++) {
                String sop = uid();
                instanceRow.setString(1, sop);
                instanceRow.setString(2, uid);
                instanceRow.setString(3, sopClass);
                instanceRow.setString(4, EXPLICIT_LE);
                instanceRow.setInt(5, i);
                instanceRow.setObject(6, images > 1 ? -1.0 * i : null, Types.DOUBLE);
                instanceRow.setInt(7, size);
                instanceRow.setInt(8, size);
                instanceRow.setInt(9, 1);
                instanceRow.setString(10, studyUid + "/" + uid + "/" + sop + ".dcm");
                instanceRow.setLong(11, (long) size * size * 2 + 1200);
                instanceRow.setString(12, sha256());
                instanceRow.setTimestamp(13, importedAt);
                instanceRow.addBatch();
                instances++;
                if (++pendingRows >= COMMIT_EVERY) {
                    flush();
                    c.commit();
                }
            }
        }
    }

    /** Parents before children: the foreign keys are checked row by row. */
    private void flush() throws SQLException {
        patientRow.executeBatch();
        studyRow.executeBatch();
        seriesRow.executeBatch();
        instanceRow.executeBatch();
        pendingRows = 0;
    }

    /** A 2.25 UID (ISO/IEC 9834-8) from the seeded generator, so reruns give the same UIDs. */
    private String uid() {
        return "2.25." + new BigInteger(128, random);
    }

    private String sha256() {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return HexFormat.of().formatHex(digest);
    }
}
