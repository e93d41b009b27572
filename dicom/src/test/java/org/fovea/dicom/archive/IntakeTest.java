package org.fovea.dicom.archive;

import org.assertj.core.api.SoftAssertions;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.Corpus;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.Mutants;
import org.fovea.dicom.Mutants.Expect;
import org.fovea.dicom.Mutants.Mutant;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged files (made from the shared corpus by {@link Mutants}) meet the archive: each is refused
 * with one sentence, or stored only when the viewer can show it; nothing already stored changes;
 * and no declared length makes Fovea allocate what the file does not hold.
 */
class IntakeTest {

    @TempDir
    Path tmp;

    @Test
    void damagedFilesAreRefusedWithAReasonOrStoredOnlyWhenShowableAndStoredFilesStayAsTheyWere() throws IOException {
        List<Mutant> mutants = Mutants.write(tmp.resolve("mutants"));
        Path home = tmp.resolve("home");
        try (LocalArchive archive = LocalArchive.open(home)) {
            ImportReport good = archive.importPaths(List.of(Corpus.dir("series-lena"),
                            Corpus.dir("series-mr-phantom-128").resolve("slice0.dcm")),
                    ImportListener.none(), CancelToken.none());
            assertThat(good.failures()).isEmpty();
            Map<Path, byte[]> stored = contents(archive.archiveDirectory());

            ImportReport report = archive.importPaths(List.of(tmp.resolve("mutants")), ImportListener.none(),
                    CancelToken.none());

            Map<Path, String> refused = report.failures().stream()
                    .collect(Collectors.toMap(ImportFailure::file, ImportFailure::reason));
            SoftAssertions soft = new SoftAssertions();
            for (Mutant m : mutants) {
                String reason = refused.get(m.file());
                String what = m.source() + ", " + m.damage();
                if (m.expect() == Expect.REFUSE) {
                    soft.assertThat(reason).as(what + ": stored although it cannot be shown").isNotNull();
                } else if (reason == null || m.expect() == Expect.STORE) {
                    soft.assertThat(reason).as(what + ": refused although it can be shown").isNull();
                    soft.assertThat(showProblem(m.file())).as(what + ": stored, and the viewer fails on it").isNull();
                }
                if (reason != null) {
                    soft.assertThat(reason).as(what + ": one short sentence").doesNotContain("\n").doesNotContain("null")
                            .isNotBlank().hasSizeLessThan(200);
                }
            }
            soft.assertAll();
            assertThat(refused.size()).as("refused").isGreaterThan(mutants.size() * 3 / 4);

            Map<Path, byte[]> after = contents(archive.archiveDirectory());
            for (Map.Entry<Path, byte[]> e : stored.entrySet()) {
                assertThat(after.get(e.getKey())).as(e.getKey() + " unchanged").isEqualTo(e.getValue());
            }
            assertThat(archive.verify(CancelToken.none())).isEmpty();
            int rows = archive.findStudies(StudyQuery.all()).stream().mapToInt(StudySummary::instanceCount).sum();
            assertThat(after).as("every file in the archive has its row, and only those").hasSize(rows);
            try (Stream<Path> staging = Files.list(home.resolve("staging"))) {
                assertThat(staging).as("nothing left half-stored").isEmpty();
            }
        }
    }

    /**
     * The damaged files are imported and opened in a JVM with a 96 MB heap that exits on the first
     * OutOfMemoryError; the same JVM reading the 4 GB Pixel Data claim with plain PixelMed dies,
     * so the heap is small enough to catch an allocation a declared length asked for.
     */
    @Test
    void noDeclaredLengthMakesFoveaAllocateWhatTheFileDoesNotHold() throws Exception {
        Path files = tmp.resolve("mutants");
        Mutants.write(files);
        Mutants.pixelLengthBomb(files, 0xFFFFFFF0L);
        Path bomb = Mutants.pixelLengthBomb(files, 0x7FFFFFF0L);

        Command.Result pixelmed = child("pixelmed", bomb.toString());
        assertThat(pixelmed.exit()).as("plain PixelMed under the same heap: " + pixelmed.output()).isNotZero();
        assertThat(pixelmed.output()).contains("OutOfMemoryError");

        Command.Result fovea = child("fovea", tmp.resolve("home").toString(), files.toString());
        assertThat(fovea.exit()).as(fovea.output()).isZero();
        assertThat(fovea.output()).contains("refused=").contains("peakHeapMB=");
    }

    private static Command.Result child(String... args) {
        return Command.java(List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"), IntakeUnderSmallHeap.class.getName(), args)
                .mergeStderr().run();
    }

    /** Null when the viewer opens the file and decodes every frame; else why not. */
    private static String showProblem(Path file) {
        try {
            DicomImage image = DicomImage.read(file);
            for (int i = 0; i < image.frameCount(); i++) {
                image.frame(i);
            }
            return null;
        } catch (DicomReadException | RuntimeException e) {
            return e.toString();
        }
    }

    private static Map<Path, byte[]> contents(Path dir) throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
