package org.fovea.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the whole-process benchmarks share: their medians, their scratch folders, a quiet disk. */
final class Runs {

    private Runs() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The median of the rounds' ratios: each round's two sides ran back to back, sharing its conditions. */
    static double medianRatio(double[] ours, double[] theirs) {
        double[] ratios = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / theirs[i];
        }
        return median(ratios);
    }

    /** Deletes a folder and all below it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes out what earlier rounds left in the page cache before a side is timed: otherwise the
     * kernel writes it back during the next round, whichever side that is, and file creation
     * there waits on the file system's journal (seen as a 2x swing of storescp's time).
     */
    static void settleDisk() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }
}
