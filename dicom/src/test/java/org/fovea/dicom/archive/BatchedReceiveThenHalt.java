package org.fovea.dicom.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a separate JVM by the tests: receives a series through a {@link ReceiveBatch} as a
 * retrieve does, flushing every 20 files, and dies without any shutdown the moment 10 more files
 * are pending after the second flush (Runtime.halt, as a kill -9 or a crash would).
 */
public final class BatchedReceiveThenHalt {

    private BatchedReceiveThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        LocalArchive archive = LocalArchive.open(Path.of(args[0]));
        Path incoming = Files.createDirectories(archive.incomingDirectory().resolve("get-test"));
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[1]))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
        ReceiveBatch batch = archive.receiveBatch();
        int flushed = 0;
        for (Path f : files) {
            Path received = Files.copy(f, incoming.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            batch.add(received);
            if (batch.pending() == 20) {
                flushed += batch.flush();
                System.out.println("flushed=" + flushed);
                System.out.flush();
            }
            if (flushed == 40 && batch.pending() == 10) {
                Runtime.getRuntime().halt(9);
            }
        }
    }
}
