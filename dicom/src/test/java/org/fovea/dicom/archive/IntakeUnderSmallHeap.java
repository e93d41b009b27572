package org.fovea.dicom.archive;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own with a small heap that exits on the first OutOfMemoryError: imports a
 * folder of damaged files and opens each as the viewer and {@code snapshot} would, then prints the
 * peak heap. With "pixelmed" as its mode it reads one file with plain PixelMed instead, to show
 * that this JVM does die of a file that declares more than it holds.
 */
public final class IntakeUnderSmallHeap {

    private IntakeUnderSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("pixelmed")) {
            // from a stream, as the viewer read files before the walk: PixelMed reads Pixel Data
            // into memory then (from a file name it may leave it on disk)
            try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(new FileInputStream(args[1])))) {
                new AttributeList().read(in);
            }
            System.out.println("read");
            return;
        }
        Path home = Path.of(args[1]);
        Path files = Path.of(args[2]);
        try (LocalArchive archive = LocalArchive.open(home)) {
            ImportReport report = archive.importPaths(List.of(files), ImportListener.none(), CancelToken.none());
            System.out.println("imported=" + report.imported() + " duplicates=" + report.duplicates() + " refused="
                    + report.failures().size());
        }
        int opened = 0;
        try (Stream<Path> all = Files.list(files)) {
            for (Path f : all.sorted().toList()) {
                try {
                    DicomImage image = DicomImage.read(f);
                    for (int i = 0; i < image.frameCount(); i++) {
                        image.frame(i);
                    }
                    opened++;
                } catch (DicomReadException e) {
                    // refused with its reason, as expected of a damaged file
                }
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("opened=" + opened + " peakHeapMB=" + peak / (1 << 20));
    }
}
