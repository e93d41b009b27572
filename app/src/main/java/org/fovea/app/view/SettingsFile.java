package org.fovea.app.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A department's settings file under {@code FOVEA_HOME/settings/}: readable JSON, written whole
 * (a temporary file moved over the old one, so a crash never leaves half a file), and read so
 * that a problem is said with the file's name and the reason while the defaults keep working.
 */
public final class SettingsFile {

    /** A file, or a part of one, that was left out, and why. */
    public record Problem(String file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /** What was read, and what had to be left out or put right on the way. */
    public record Loaded<T>(T value, List<Problem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /** Unknown fields (a typo) are refused with their name. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SettingsFile() {
    }

    /** {@code home/settings/name}. */
    public static Path path(Path home, String name) {
        return home.resolve("settings").resolve(name);
    }

    /** Writes {@code value} as indented UTF-8 JSON, replacing the file at once. */
    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Jackson's messages carry the source and a long path; the first line says what and where. */
    static String reason(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
