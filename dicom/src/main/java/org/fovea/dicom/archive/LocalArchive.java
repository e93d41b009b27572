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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
    /** Temp files younger than this may belong to an import running in another process. */
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    static final String TEMP_SUFFIX = ".part";

    private final Path archiveDir;
    private final Path stagingDir;
    private final HikariDataSource pool;
    private final ArchiveQueries queries;
    private final StudySearch studySearch;
    private final FileImport fileImport;

    private LocalArchive(Path archiveDir, Path stagingDir, HikariDataSource pool) {
        this.archiveDir = archiveDir;
        this.stagingDir = stagingDir;
        this.pool = pool;
        this.queries = new ArchiveQueries(pool, archiveDir);
        this.studySearch = new StudySearch(pool);
        this.fileImport = new FileImport(this);
    }

    /**
     * Opens (creating when needed) the archive of a Fovea home directory and brings its
     * database schema up to date.
     */
    public static LocalArchive open(Path home) {
        Path root = home.toAbsolutePath().normalize();
        Path archiveDir = root.resolve("archive");
        Path dbDir = root.resolve("db");
        Path stagingDir = root.resolve("staging");
        try {
            Files.createDirectories(archiveDir);
            Files.createDirectories(stagingDir);
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
                    .javaMigrations(new V4__Pinyin_name_search())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new ArchiveException("Cannot open the archive database in " + dbDir + ": " + e.getMessage(), e);
        }
        LocalArchive archive = new LocalArchive(archiveDir, stagingDir, pool);
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
     * are. Cancelling stops at once: the files handled until then are stored, nothing of the
     * others.
     */
    public ImportReport importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) {
        return fileImport.importPaths(paths, listener, cancel);
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
        return fileImport.importFile(file);
    }

    /** What {@link ReceiveBatch#add} did with a received file, and the header it read. */
    public record Imported(Outcome outcome, ImageHeader header) {
    }

    /**
     * A batch for received files, flushed to disk, indexed and committed together; see
     * {@link ReceiveBatch}.
     */
    public ReceiveBatch receiveBatch() {
        return new ReceiveBatch(this, false);
    }

    /** A batch for an import's copies in the staging folder, which are moved into the archive. */
    ReceiveBatch importBatch() {
        return new ReceiveBatch(this, true);
    }

    Path seriesDirectory(ImageHeader h) {
        return archiveDir.resolve(h.studyInstanceUid()).resolve(h.seriesInstanceUid());
    }

    /**
     * Where files are written before they get their archive names: a copy being imported, or the
     * link that gives a received file its archive name. One folder, so that what an interrupted
     * import leaves is found without walking the archive.
     */
    Path stagingDirectory() {
        return stagingDir;
    }

    /**
     * Stores a batch: every file hashed and flushed to disk first (in parallel, so the disk's
     * cache flushes are shared), then rows inserted and files given their archive names (moved
     * there, or linked when {@code move} is false) in one transaction, each directory that got new
     * entries synced once, committed and the database synced.
     */
    int commitBatch(List<ReceiveBatch.Pending> batch, List<Path> changedDirs, boolean move) {
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
                        IndexRows.ensureSeriesRows(c, h);
                    }
                    if (!IndexRows.insertInstance(c, p.parsed(), p.staged(), archiveDir.relativize(p.target()))) {
                        continue;
                    }
                    if (move) {
                        p.staged().moveTo(p.target());
                    } else {
                        p.staged().placeAt(p.target(), stagingDir);
                    }
                    renamed.add(p);
                    stored++;
                }
                changedDirs.forEach(StagedFile::syncDirectory);
                c.commit();
                IndexRows.syncDatabase(c);
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

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the received file {}: {}", file, e.getMessage());
        }
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

    private void removeStaleTempFiles() {
        Instant cutoff = Instant.now().minus(STALE_TEMP_AGE);
        try (Stream<Path> files = Files.list(stagingDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).forEach(p -> {
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
            LOG.warn("Could not look for leftover temp files in {}: {}", stagingDir, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- queries

    /**
     * Every study matching the query, newest first. For answers known to be small (a script's
     * filter, tests); the study list asks for pages ({@link #findStudies(StudyQuery, int, int)}).
     */
    public List<StudySummary> findStudies(StudyQuery q) {
        return studySearch.all(q);
    }

    /**
     * A page of the studies matching the query: up to {@code limit} from {@code offset} on,
     * newest first (study date, then time; without a date last; then by UID, so pages of an
     * unchanged archive neither overlap nor skip). Its cost does not grow with the archive when
     * the query has no filter or an index answers it (patient ID, accession, date range).
     */
    public StudyPage findStudies(StudyQuery q, int offset, int limit) {
        return studySearch.page(q, offset, limit);
    }

    /** How many studies match the query. */
    public int countStudies(StudyQuery q) {
        return studySearch.count(q);
    }

    public Optional<StudySummary> study(String studyUid) {
        return studySearch.study(studyUid);
    }

    /**
     * All studies of a Patient ID, newest first, for hanging priors. A blank ID matches nothing:
     * files without an ID do not belong to one patient.
     */
    public List<StudySummary> studiesOfPatient(String patientId) {
        if (patientId == null || patientId.isBlank()) {
            return List.of();
        }
        return studySearch.all(new StudyQuery(null, patientId, null, null, null, null));
    }

    /** Series of a study by series number (those without a number last). */
    public List<SeriesSummary> series(String studyUid) {
        return queries.series(studyUid);
    }

    /**
     * The stored files of a series in display order: by position along the slice normal, turned
     * so that it follows the Instance Numbers (so a CT scanned head first lists head first);
     * instances without geometry sort by Instance Number.
     */
    public List<InstanceEntry> instances(String seriesUid) {
        return queries.instances(seriesUid);
    }

    /** Patients by name, each with the number of stored studies. */
    public List<PatientSummary> patients() {
        return queries.patients();
    }

    /**
     * Checks every stored file against its row: present, same size, same SHA-256 as when it was
     * imported. Returns one sentence per problem, empty when the archive is intact.
     */
    public List<String> verify(CancelToken cancel) {
        return queries.verify(cancel);
    }

    /** Which of these SOP Instance UIDs are stored: one query per 500, not one per instance. */
    public Set<String> storedAmong(Collection<String> sopInstanceUids) {
        return queries.storedAmong(sopInstanceUids);
    }

    /** Whether an instance with this SOP Instance UID is stored. */
    public boolean containsInstance(String sopInstanceUid) {
        return queries.containsInstance(sopInstanceUid);
    }

    @Override
    public void close() {
        pool.close();
    }
}
