package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.Corpus;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;


/** The shared corpus and generated demo studies, as files to load into a test PACS. */
final class TestData {

    static final String CHINESE_STUDY_ISO_IR_192 = "1.2.826.0.1.3680043.9.7433.2.10741";

    private TestData() {
    }

    static Path corpus(String sub) {
        return Corpus.dir(sub);
    }

    static List<Path> mrPhantom() {
        return dicomFiles(corpus("series-mr-phantom-128"));
    }

    static List<Path> chinese() {
        return dicomFiles(corpus("charsets")).stream()
                .filter(p -> p.getFileName().toString().startsWith("chinese-")).toList();
    }

    /** Generates the demo patient's studies in a scratch archive under {@code dir}; returns their files. */
    static List<Path> demo(DemoSize size, Path dir) {
        try (LocalArchive scratch = LocalArchive.open(dir.resolve("demo-home"))) {
            DemoStudies.ensure(size, scratch, dir.resolve("demo-work"), DemoListener.none(), CancelToken.none());
            return dicomFiles(scratch.archiveDirectory());
        }
    }

    static List<Path> dicomFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
