package org.fovea.dicom.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The workstation's own store of DICOM files: the files, kept byte for byte as received under
 * {@code home/archive/<study>/<series>/<sop>.dcm}, and an H2 index of them under {@code home/db}.
 *
 * <p>A row is committed only after its file is completely written and renamed into place, so a
 * crash can leave a file without a row (the next import of that instance replaces it) but never
 * a row without its file. Nothing stored is ever modified or deleted by an import: the first
 * copy of an instance, and the first patient, study and series attributes seen, are kept.
 *
 * <p>The database runs in H2's automatic mixed mode, so the GUI and a command-line import can
 * use the same home at the same time. Thread-safe: each call takes its own pooled connection.
 */
public final class LocalArchive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalArchive.class);
    private static final String DUPLICATE_KEY = "23505";
    /** Temp files younger than this may belong to an import running in another process. */
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    static final String TEMP_SUFFIX = ".part";

    private final Path archiveDir;
    private final HikariDataSource pool;

    private LocalArchive(Path archiveDir, HikariDataSource pool) {
        this.archiveDir = archiveDir;
        this.pool = pool;
    }

    /**
     * Opens (creating when needed) the archive of a Fovea home directory and brings its
     * database schema up to date.
     */
    public static LocalArchive open(Path home) {
        Path root = home.toAbsolutePath().normalize();
        Path archiveDir = root.resolve("archive");
        Path dbDir = root.resolve("db");
        try {
            Files.createDirectories(archiveDir);
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new ArchiveException("Cannot create the archive folders under " + root + ": " + e.getMessage(), e);
        }
        // AUTO_SERVER: the first process opens the file and serves it on loopback to the others.
        // LOCK_TIMEOUT: two importers may touch the same study row; wait instead of failing.
        String url = "jdbc:h2:file:" + dbDir.resolve("fovea") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(url));
        } catch (RuntimeException e) {
            throw new ArchiveException("Cannot open the archive database in " + dbDir + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/archive")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new ArchiveException("Cannot open the archive database in " + dbDir + ": " + e.getMessage(), e);
        }
        LocalArchive archive = new LocalArchive(archiveDir, pool);
        archive.removeStaleTempFiles();
        archive.recoverIncoming();
        return archive;
    }

    /**
     * HikariCP rather than H2's own JdbcConnectionPool: H2's pooled connections parsed every
     * statement again (its per-session query cache did not help them: 14-24 µs a query against
     * 2-7 µs through HikariCP, measured on H2 2.2.220), and the parser, hot in every receive,
     * kept the JIT busy recompiling it.
     */
    private static HikariConfig poolConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("fovea-archive");
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        return config;
    }

    /** The directory holding the stored files. */
    public Path archiveDirectory() {
        return archiveDir;
    }

    // ---------------------------------------------------------------- import

    /**
     * Imports files and folders (recursively). Every file is looked at once; bad files are
     * reported and skipped, instances already stored are counted as duplicates and left as they
     * are. Cancelling stops before the next file.
     */
    public ImportReport importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) {
        List<ImportFailure> failures = new ArrayList<>();
        List<Path> files = collectFiles(paths, failures);
        int imported = 0;
        int duplicates = 0;
        int done = 0;
        boolean cancelled = false;
        for (Path file : files) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            listener.progress(done, files.size(), file);
            try {
                if (importFile(file) == Outcome.IMPORTED) {
                    imported++;
                } else {
                    duplicates++;
                }
            } catch (DicomReadException e) {
                failures.add(new ImportFailure(file, e.reason()));
            }
            done++;
        }
        listener.progress(done, files.size(), null);
        LOG.info("Import: {} imported, {} duplicates, {} failed{}", imported, duplicates, failures.size(),
                cancelled ? ", cancelled" : "");
        return new ImportReport(imported, duplicates, failures, cancelled);
    }

    /** What importing one file did. */
    public enum Outcome { IMPORTED, DUPLICATE }

    /**
     * Imports one file.
     *
     * @throws DicomReadException when the file is not a DICOM instance this workstation can
     *         store and show, or cannot be copied; nothing is stored then
     * @throws ArchiveException when the database fails
     */
    public Outcome importFile(Path file) throws DicomReadException {
        return store(file, ParsedInstance.read(file));
    }

    /** What {@link ReceiveBatch#add} did with a received file, and the header it read. */
    public record Imported(Outcome outcome, ImageHeader header) {
    }

    /**
     * A batch for received files, flushed to disk, indexed and committed together; see
     * {@link ReceiveBatch}.
     */
    public ReceiveBatch receiveBatch() {
        return new ReceiveBatch(this);
    }

    Path seriesDirectory(ImageHeader h) {
        return archiveDir.resolve(h.studyInstanceUid()).resolve(h.seriesInstanceUid());
    }

    /**
     * Stores a batch: every file hashed and flushed to disk first (in parallel, so the disk's
     * cache flushes are shared), then rows inserted and files given their archive names in one
     * transaction, each directory that got new entries synced once, committed and the database
     * synced.
     */
    int commitBatch(List<ReceiveBatch.Pending> batch, List<Path> changedDirs) {
        try {
            StagedFile.awaitOnDisk(batch.stream().map(ReceiveBatch.Pending::staged).toList());
        } catch (IOException e) {
            throw new ArchiveException("Received files could not be written to disk: " + e.getMessage(), e);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            int stored = 0;
            List<ReceiveBatch.Pending> renamed = new ArrayList<>();
            // a batch is mostly one series: its patient, study and series rows are looked up once
            Set<String> seriesEnsured = new HashSet<>();
            try {
                for (ReceiveBatch.Pending p : batch) {
                    ImageHeader h = p.parsed().header();
                    if (seriesEnsured.add(h.seriesInstanceUid())) {
                        long patientPk = ensurePatient(c, h);
                        ensureStudy(c, h, patientPk);
                        ensureSeries(c, h);
                    }
                    if (!insertInstance(c, p.parsed(), p.staged(), archiveDir.relativize(p.target()))) {
                        continue;
                    }
                    p.staged().placeAt(p.target());
                    renamed.add(p);
                    stored++;
                }
                changedDirs.forEach(StagedFile::syncDirectory);
                c.commit();
                syncDatabase(c);
                return stored;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                // rows rolled back: files already given archive names are leftovers without rows
                renamed.forEach(p -> deleteQuietly(p.target()));
                throw new ArchiveException("Received files could not be stored in the archive: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new ArchiveException("The archive database failed while storing received files: " + e.getMessage(), e);
        }
    }

    /**
     * H2 writes committed changes to its file in the background, up to half a second later: a
     * process killed right after a commit loses it (checked: three committed rows and their table
     * gone after Runtime.halt 50 ms later). CHECKPOINT SYNC writes and fsyncs them now.
     */
    private static void syncDatabase(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
    }

    /**
     * The folder network receivers write to ({@link ReceiveFolder}s): next to the archive, so that
     * a received file becomes an archive file by a link or rename on the same file system.
     */
    public Path incomingDirectory() {
        return archiveDir.resolveSibling("incoming");
    }

    /**
     * Stores what receivers that died (a crash, a kill) left in the incoming folder: the
     * listener's acknowledged images, and a retrieve's completely received ones when the computer
     * has not restarted since (they were not flushed to disk yet). What cannot be stored is moved
     * to {@code incoming/set-aside} and logged with the reason. Folders of receivers still running,
     * in this process or another, are left alone. Runs when an archive opens and when a listener
     * starts; returns how many images were stored.
     */
    public int recoverIncoming() {
        return new IncomingRecovery(this).run();
    }

    private Outcome store(Path file, ParsedInstance parsed) throws DicomReadException {
        ImageHeader h = parsed.header();
        if (containsInstance(h.sopInstanceUid())) {
            return Outcome.DUPLICATE;
        }
        Path seriesDir = seriesDirectory(h);
        Path target = seriesDir.resolve(h.sopInstanceUid() + ".dcm");
        StagedFile staged;
        try {
            List<Path> created = createDirectories(seriesDir);
            staged = StagedFile.copy(file, seriesDir, h.sopInstanceUid());
            for (Path dir : created) {
                StagedFile.syncDirectory(dir.getParent());
            }
        } catch (IOException e) {
            throw new DicomReadException(file, "could not be copied into the archive ("
                    + e.getMessage() + ")", e);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long patientPk = ensurePatient(c, h);
                ensureStudy(c, h, patientPk);
                ensureSeries(c, h);
                if (!insertInstance(c, parsed, staged, archiveDir.relativize(target))) {
                    c.rollback();
                    staged.discard();
                    return Outcome.DUPLICATE;
                }
                // Any file already at the target has no committed row (the insert above holds
                // the key), so it is a leftover of an interrupted import and may be replaced.
                staged.moveTo(target);
                c.commit();
                syncDatabase(c);
                return Outcome.IMPORTED;
            } catch (IOException e) {
                c.rollback();
                staged.discard();
                throw new DicomReadException(file, "could not be stored in the archive (" + e.getMessage() + ")", e);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                staged.discard();
                throw e;
            }
        } catch (SQLException e) {
            throw new ArchiveException("The archive database failed while storing " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the received file {}: {}", file, e.getMessage());
        }
    }

    private List<Path> collectFiles(List<Path> paths, List<ImportFailure> failures) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            // DICOMDIR indexes a medium; its instances are the other files.
                            if (attrs.isRegularFile() && !f.getFileName().toString().equals("DICOMDIR")) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            failures.add(new ImportFailure(f, "cannot be read (" + e.getMessage() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    failures.add(new ImportFailure(p, "the folder cannot be read (" + e.getMessage() + ")"));
                }
                found.sort(Comparator.naturalOrder());
                files.addAll(found);
            } else {
                failures.add(new ImportFailure(p, "no such file or folder"));
            }
        }
        return files;
    }

    /** Creates the missing directories of a path, returning those created, outermost first. */
    static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(0, d);
        }
        Files.createDirectories(dir);
        return missing;
    }

    private static long ensurePatient(Connection c, ImageHeader h) throws SQLException {
        Long pk = findPatient(c, h);
        if (pk != null) {
            return pk;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient (patient_id, patient_name, name_search, sex, birth_date) VALUES (?,?,?,?,?)")) {
            ps.setString(1, h.patientId());
            ps.setString(2, h.patientName());
            ps.setString(3, PersonNameSearch.key(h.patientName()));
            ps.setString(4, h.patientSex());
            setDate(ps, 5, DicomValues.date(h.patientBirthDate()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
        }
        pk = findPatient(c, h);
        if (pk == null) {
            throw new SQLException("patient row vanished after insert");
        }
        return pk;
    }

    private static Long findPatient(Connection c, ImageHeader h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pk FROM patient WHERE patient_id = ? AND patient_name = ?")) {
            ps.setString(1, h.patientId());
            ps.setString(2, h.patientName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void ensureStudy(Connection c, ImageHeader h, long patientPk) throws SQLException {
        insertIfAbsent(c, "INSERT INTO study (study_uid, patient_pk, study_date, study_time, description, accession, "
                + "patient_age) SELECT ?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM study WHERE study_uid = ?)", ps -> {
                    ps.setString(1, h.studyInstanceUid());
                    ps.setLong(2, patientPk);
                    setDate(ps, 3, DicomValues.date(h.studyDate()));
                    ps.setString(4, h.studyTime());
                    ps.setString(5, h.studyDescription());
                    ps.setString(6, h.accessionNumber());
                    ps.setString(7, h.patientAge());
                    ps.setString(8, h.studyInstanceUid());
                });
    }

    private static void ensureSeries(Connection c, ImageHeader h) throws SQLException {
        insertIfAbsent(c, "INSERT INTO series (series_uid, study_uid, number, modality, description, body_part) "
                + "SELECT ?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM series WHERE series_uid = ?)", ps -> {
                    ps.setString(1, h.seriesInstanceUid());
                    ps.setString(2, h.studyInstanceUid());
                    setInteger(ps, 3, DicomValues.integer(h.seriesNumber()));
                    ps.setString(4, h.modality());
                    ps.setString(5, h.seriesDescription());
                    ps.setString(6, h.bodyPartExamined());
                    ps.setString(7, h.seriesInstanceUid());
                });
    }

    /** Inserts the instance row; false when another import stored the same instance meanwhile. */
    private static boolean insertInstance(Connection c, ParsedInstance p, StagedFile staged, Path relPath)
            throws SQLException {
        ImageHeader h = p.header();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance (sop_uid, series_uid, sop_class_uid, "
                + "transfer_syntax, instance_number, position_key, rows_count, columns_count, frames, rel_path, "
                + "size_bytes, sha256, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, h.sopInstanceUid());
            ps.setString(2, h.seriesInstanceUid());
            ps.setString(3, h.sopClassUid());
            ps.setString(4, p.transferSyntaxUid());
            setInteger(ps, 5, DicomValues.integer(h.instanceNumber()));
            if (p.positionKey() == null) {
                ps.setNull(6, Types.DOUBLE);
            } else {
                ps.setDouble(6, p.positionKey());
            }
            ps.setInt(7, h.rows());
            ps.setInt(8, h.columns());
            ps.setInt(9, h.numberOfFrames());
            ps.setString(10, relPath.toString().replace('\\', '/'));
            ps.setLong(11, staged.size());
            ps.setString(12, staged.sha256());
            ps.setTimestamp(13, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Concurrent importers may race to create the same row; the loser keeps the winner's row. */
    private static void insertIfAbsent(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private void removeStaleTempFiles() {
        Instant cutoff = Instant.now().minus(STALE_TEMP_AGE);
        try (Stream<Path> walk = Files.walk(archiveDir)) {
            walk.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).forEach(p -> {
                try {
                    FileTime modified = Files.getLastModifiedTime(p);
                    if (modified.toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                        LOG.info("Removed the leftover of an interrupted import: {}", p);
                    }
                } catch (IOException e) {
                    LOG.warn("Could not remove the leftover temp file {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not look for leftover temp files in {}: {}", archiveDir, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- queries

    private static final String STUDY_SELECT = "SELECT st.study_uid, p.patient_name, p.patient_id, p.sex, "
            + "p.birth_date, st.patient_age, st.study_date, st.study_time, st.description, st.accession, "
            + "(SELECT LISTAGG(DISTINCT se.modality, '\\') WITHIN GROUP (ORDER BY se.modality) FROM series se "
            + "  WHERE se.study_uid = st.study_uid AND se.modality <> '') AS modalities, "
            + "(SELECT COUNT(*) FROM series se WHERE se.study_uid = st.study_uid) AS series_count, "
            + "(SELECT COUNT(*) FROM instance i JOIN series se ON i.series_uid = se.series_uid "
            + "  WHERE se.study_uid = st.study_uid) AS instance_count "
            + "FROM study st JOIN patient p ON p.pk = st.patient_pk ";
    private static final String STUDY_ORDER = " ORDER BY st.study_date DESC NULLS LAST, st.study_time DESC, st.study_uid";

    /** Studies matching every given filter of the query, newest first. */
    public List<StudySummary> findStudies(StudyQuery q) {
        StringBuilder where = new StringBuilder("WHERE 1=1");
        List<Object> args = new ArrayList<>();
        String name = PersonNameSearch.normalize(q.patientName());
        if (!name.isEmpty()) {
            where.append(" AND p.name_search LIKE ? ESCAPE '\\'");
            args.add(PersonNameSearch.likePattern(name));
        }
        if (notBlank(q.patientId())) {
            where.append(" AND p.patient_id = ?");
            args.add(q.patientId().trim());
        }
        if (notBlank(q.accession())) {
            where.append(" AND st.accession = ?");
            args.add(q.accession().trim());
        }
        if (notBlank(q.modality())) {
            where.append(" AND EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid AND se.modality = ?)");
            args.add(q.modality().trim());
        }
        if (q.from() != null) {
            where.append(" AND st.study_date >= ?");
            args.add(Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND st.study_date <= ?");
            args.add(Date.valueOf(q.to()));
        }
        return studies(STUDY_SELECT + where + STUDY_ORDER, args);
    }

    public Optional<StudySummary> study(String studyUid) {
        return studies(STUDY_SELECT + "WHERE st.study_uid = ?", List.of(studyUid)).stream().findFirst();
    }

    /**
     * All studies of a Patient ID, newest first, for hanging priors. A blank ID matches nothing:
     * files without an ID do not belong to one patient.
     */
    public List<StudySummary> studiesOfPatient(String patientId) {
        if (!notBlank(patientId)) {
            return List.of();
        }
        return studies(STUDY_SELECT + "WHERE p.patient_id = ?" + STUDY_ORDER, List.of(patientId.trim()));
    }

    /** Series of a study by series number (those without a number last). */
    public List<SeriesSummary> series(String studyUid) {
        String sql = "SELECT se.series_uid, se.study_uid, se.number, se.modality, se.description, "
                + "(SELECT COUNT(*) FROM instance i WHERE i.series_uid = se.series_uid) FROM series se "
                + "WHERE se.study_uid = ? ORDER BY se.number NULLS LAST, se.series_uid";
        return query(sql, List.of(studyUid), rs -> new SeriesSummary(rs.getString(1), rs.getString(2),
                (Integer) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getInt(6)));
    }

    /**
     * The stored files of a series in display order: by position along the slice normal, turned
     * so that it follows the Instance Numbers (so a CT scanned head first lists head first);
     * instances without geometry sort by Instance Number.
     */
    public List<InstanceEntry> instances(String seriesUid) {
        String sql = "SELECT sop_uid, sop_class_uid, rel_path, instance_number, position_key, rows_count, "
                + "columns_count, frames, transfer_syntax FROM instance WHERE series_uid = ?";
        List<InstanceEntry> list = new ArrayList<>(query(sql, List.of(seriesUid), rs -> {
            Integer number = (Integer) rs.getObject(4);
            Double key = (Double) rs.getObject(5);
            double sortKey = key != null ? key : number != null ? number : 0;
            return new InstanceEntry(rs.getString(1), rs.getString(2), archiveDir.resolve(rs.getString(3)), number,
                    sortKey, key != null, rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9));
        }));
        list.sort(Comparator.comparing(InstanceEntry::geometric)
                .thenComparingDouble(InstanceEntry::sortKey)
                .thenComparing(e -> e.instanceNumber() == null ? Integer.MAX_VALUE : e.instanceNumber())
                .thenComparing(InstanceEntry::sopInstanceUid));
        List<InstanceEntry> geometric = list.stream().filter(InstanceEntry::geometric).toList();
        if (geometric.size() == list.size() && runsAgainstInstanceNumbers(geometric)) {
            java.util.Collections.reverse(list);
        }
        return list;
    }

    private static boolean runsAgainstInstanceNumbers(List<InstanceEntry> sorted) {
        if (sorted.size() < 2) {
            return false;
        }
        Integer first = sorted.get(0).instanceNumber();
        Integer last = sorted.get(sorted.size() - 1).instanceNumber();
        return first != null && last != null && first > last;
    }

    /** Patients by name, each with the number of stored studies. */
    public List<PatientSummary> patients() {
        String sql = "SELECT p.patient_id, p.patient_name, p.sex, p.birth_date, COUNT(st.study_uid) FROM patient p "
                + "LEFT JOIN study st ON st.patient_pk = p.pk GROUP BY p.pk, p.patient_id, p.patient_name, p.sex, "
                + "p.birth_date ORDER BY p.patient_name, p.patient_id";
        return query(sql, List.of(), rs -> new PatientSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                toLocalDate(rs.getDate(4)), rs.getInt(5)));
    }

    /**
     * Checks every stored file against its row: present, same size, same SHA-256 as when it was
     * imported. Returns one sentence per problem, empty when the archive is intact.
     */
    public List<String> verify(CancelToken cancel) {
        List<String> problems = new ArrayList<>();
        List<String[]> rows = query("SELECT rel_path, size_bytes, sha256 FROM instance ORDER BY rel_path", List.of(),
                rs -> new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
        for (String[] row : rows) {
            if (cancel.isCancelled()) {
                break;
            }
            Path file = archiveDir.resolve(row[0]);
            try {
                if (!Files.isRegularFile(file)) {
                    problems.add(file + ": the stored file is missing");
                } else if (Files.size(file) != Long.parseLong(row[1])) {
                    problems.add(file + ": the stored file changed size since it was imported");
                } else if (!StagedFile.sha256(file).equals(row[2])) {
                    problems.add(file + ": the stored file's content changed since it was imported");
                }
            } catch (IOException e) {
                problems.add(file + ": the stored file cannot be read (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    /** Which of these SOP Instance UIDs are stored: one query per 500, not one per instance. */
    public java.util.Set<String> storedAmong(java.util.Collection<String> sopInstanceUids) {
        java.util.Set<String> stored = new java.util.HashSet<>();
        List<String> all = List.copyOf(sopInstanceUids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> chunk = List.copyOf(all.subList(from, Math.min(all.size(), from + 500)));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            stored.addAll(query("SELECT sop_uid FROM instance WHERE sop_uid IN (" + marks + ")", chunk,
                    rs -> rs.getString(1)));
        }
        return stored;
    }

    /** Whether an instance with this SOP Instance UID is stored. */
    public boolean containsInstance(String sopInstanceUid) {
        return !query("SELECT 1 FROM instance WHERE sop_uid = ?", List.of(sopInstanceUid), rs -> 1).isEmpty();
    }

    private List<StudySummary> studies(String sql, List<Object> args) {
        return query(sql, args, rs -> new StudySummary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), toLocalDate(rs.getDate(5)), rs.getString(6), toLocalDate(rs.getDate(7)),
                rs.getString(8), rs.getString(9), rs.getString(10), nullToEmpty(rs.getString(11)), rs.getInt(12),
                rs.getInt(13)));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> args, RowMapper<T> mapper) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ArchiveException("The archive database could not be queried: " + e.getMessage(), e);
        }
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(date));
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static LocalDate toLocalDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void close() {
        pool.close();
    }
}
