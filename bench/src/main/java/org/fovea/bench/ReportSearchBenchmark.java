package org.fovea.bench;

import org.fovea.dicom.archive.PersonNameSearch;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.store.JdbcReports;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The combined report search (P14) on 100,000 reports in the embedded H2: patient name (pinyin)
 * plus a month of exam dates plus a word of the findings or impression, a page of 50 and the
 * total, as the report list asks. Each of 7 distinct queries is asked once after a warm-up with
 * other texts (a session that has searched before); the figure is their median, against the
 * issue's absolute goal of 100 ms, with the same queries on a 1,000-report store as the baseline
 * (what the database costs at all), and the ratio between them.
 *
 * <p>The reports are written with batched INSERTs straight into the reports table (through
 * {@code save} they would take minutes) and kept in bench/target/report-search-* for reruns.
 */
public final class ReportSearchBenchmark {

    private static final long GOAL_MS = 100;
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡",
        "朱", "高", "林", "何", "郭", "马", "罗"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "斌", "辉", "鹏"};
    private static final String[] FINDINGS = {"右肺上叶见实性结节", "左肺下叶磨玻璃结节", "双肺纹理增粗", "肝脏多发囊肿",
        "胆囊结石", "右肾小结石", "腰椎间盘突出", "脑白质脱髓鞘改变", "左侧基底节区腔隙灶", "甲状腺结节",
        "纵隔淋巴结肿大", "心影增大", "少量胸腔积液", "主动脉壁钙化", "胰腺未见异常", "脾脏大小正常"};
    private static final String[] IMPRESSIONS = {"考虑炎性病变", "建议随访复查", "考虑良性", "建议增强扫描",
        "未见明显异常", "考虑转移可能", "建议结合临床"};
    private static final String[] MODALITIES = {"CT", "MR", "DX", "US"};
    private static final String[] BODY_PARTS = {"CHEST", "HEAD", "ABDOMEN", "SPINE", "PELVIS"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    private static final int DAYS = 3650;

    /** name as typed (pinyin, initials or characters), first exam day (offset), a word of the text */
    private record Search(String name, int fromDay, String text) {
        ReportQuery query() {
            LocalDate from = FIRST_DAY.plusDays(fromDay);
            return new ReportQuery(name, "", "", "", from, from.plusDays(30), null, "", text, 0, 50);
        }
    }

    private static final List<Search> WARM_UP = List.of(new Search("liu", 100, "结石"),
            new Search("chen", 900, "积液"), new Search("杨", 2000, "钙化"), new Search("zhoumin", 3000, "随访"));
    private static final List<Search> TIMED = List.of(new Search("zhangwei", 200, "结节"),
            new Search("wangfang", 700, "复查"), new Search("lj", 1200, "囊肿"), new Search("zhao", 1600, "良性"),
            new Search("陈静", 2100, "肺"), new Search("huang", 2600, "淋巴结"), new Search("sunli", 3300, "增强"));

    private ReportSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path target = benchTarget();
        Path large = generated(target.resolve("report-search-100k"), 100_000);
        Path small = generated(target.resolve("report-search-1k"), 1_000);
        double bigMs = medianMs(large);
        double smallMs = medianMs(small);
        boolean pass = bigMs <= GOAL_MS;
        System.out.printf("report search, name + month + text, 100,000 reports: %.1f ms vs 1,000 reports %.1f ms"
                + " = %.1fx (goal <= %d ms) %s%n", bigMs, smallMs, bigMs / smallMs, GOAL_MS, pass ? "PASS" : "MISS");
        System.exit(pass ? 0 : 1);
    }

    /** The median over {@link #TIMED} of one search each, after {@link #WARM_UP}. */
    private static double medianMs(Path home) {
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            JdbcReports reports = new JdbcReports(db);
            long found = 0;
            for (int round = 0; round < 5; round++) {
                for (Search s : WARM_UP) {
                    found += reports.search(s.query()).total();
                }
            }
            double[] ms = new double[TIMED.size()];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                found += reports.search(TIMED.get(i).query()).total();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.err.printf("%s: %d matches in all, slowest timed search %.1f ms%n", home.getFileName(), found,
                    java.util.Arrays.stream(ms).max().orElse(0));
            return Runs.median(ms);
        }
    }

    /** A store of {@code count} reports under {@code home}, generated once. */
    private static Path generated(Path home, int count) throws IOException, SQLException {
        Path done = home.resolve("complete");
        if (Files.exists(done)) {
            return home;
        }
        Runs.deleteTree(home);
        long t0 = System.nanoTime();
        Random random = new Random(count);
        try (ReportingDatabase db = ReportingDatabase.embedded(home); Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reports (version, study_uid, accession_number, "
                    + "patient_id, patient_name, name_key, sex, birth_date, age, study_date, modality, body_part, "
                    + "exam_item, requesting_physician, request_info, template_id, findings, impression, fields_json, "
                    + "status, author, created_ms, updated_ms) "
                    + "VALUES (1, ?, ?, ?, ?, ?, 'M', NULL, '', ?, ?, ?, '', '', '', '', ?, ?, '{}', ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    String name = "=" + pick(random, SURNAMES) + "^" + pick(random, GIVEN)
                            + (random.nextBoolean() ? pick(random, GIVEN) : "");
                    ps.setString(1, "1.2.826.0.1.3680043.10.1." + i);
                    ps.setString(2, "A" + i);
                    ps.setString(3, "P" + random.nextInt(count / 3 + 1));
                    ps.setString(4, name);
                    ps.setString(5, PersonNameSearch.key(name));
                    ps.setDate(6, Date.valueOf(FIRST_DAY.plusDays(random.nextInt(DAYS))));
                    ps.setString(7, pick(random, MODALITIES));
                    ps.setString(8, pick(random, BODY_PARTS));
                    ps.setString(9, pick(random, FINDINGS) + "，" + pick(random, FINDINGS) + "。大小约 "
                            + (3 + random.nextInt(30)) + " mm。");
                    ps.setString(10, pick(random, IMPRESSIONS));
                    ps.setString(11, random.nextInt(10) == 0 ? "PRELIMINARY" : "FINAL");
                    ps.setString(12, "医生" + random.nextInt(20));
                    ps.setLong(13, 1_500_000_000_000L + i * 60_000L);
                    ps.setLong(14, 1_500_000_000_000L + i * 60_000L);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        Files.writeString(done, count + " reports\n");
        System.err.printf("%s: %d reports generated in %.1f s%n", home.getFileName(), count,
                (System.nanoTime() - t0) / 1e9);
        return home;
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** bench/target: where this class was loaded from (target/classes) is one level down. */
    private static Path benchTarget() throws URISyntaxException {
        return Path.of(ReportSearchBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }
}
