package org.fovea.bench;

import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SyntheticArchive;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The study list benchmark's FOVEA_HOMEs under bench/target: an archive of 1,000,000 generated
 * instance rows ({@link SyntheticArchive}: about 20,800 studies of 13,000 patients), kept between
 * runs because generating it takes a minute or two, and an empty one, the baseline of the
 * command line figure. Both have the DICOM listener off, so the window measured over them does
 * not compete for the port with anything else on the machine.
 */
final class StudyListArchive {

    static final long INSTANCES = 1_000_000;
    private static final long SEED = 42;
    /** Names what the cached archive was made by; another value makes it again. */
    private static final String MADE_BY = "SyntheticArchive " + INSTANCES + " rows, seed " + SEED + ", compacted";

    private StudyListArchive() {
    }

    /** The large archive's home, generated on the first run (and when the generator's parameters change). */
    static Path large(Path target) throws IOException {
        Path home = target.resolve("study-list-1m");
        Path marker = home.resolve("made-by.txt");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(MADE_BY)) {
            upToDate(home);
            return home;
        }
        Runs.deleteTree(home);
        long t0 = System.nanoTime();
        SyntheticArchive.Stats stats = SyntheticArchive.generate(home, INSTANCES, SEED);
        compact(home);
        System.err.printf("StudyListBenchmark: generated %s in %d s under %s%n", stats,
                (System.nanoTime() - t0) / 1_000_000_000, home);
        upToDate(home);
        Files.writeString(marker, MADE_BY);
        return home;
    }

    /** An archive without studies. */
    static Path empty(Path target) {
        Path home = target.resolve("study-list-empty");
        upToDate(home);
        return home;
    }

    /**
     * Opens the archive once so that a schema change is migrated before anything is timed, and
     * turns the listener off.
     */
    private static void upToDate(Path home) {
        LocalArchive.open(home).close();
        NetworkSettings s = NetworkSettings.defaults();
        NetworkSettingsStore.save(home, s.withLocal(s.localAeTitle(), s.localPort(), false));
    }

    /**
     * Rewrites the database file without the old page versions the bulk insert left behind (6.3 GB
     * against 0.24 GB compacted): the figures are about the index, not about one bulk load's leftovers.
     */
    private static void compact(Path home) {
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("fovea");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new IllegalStateException("compacting " + url + " failed: " + e.getMessage(), e);
        }
    }
}
