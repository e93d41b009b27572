package org.fovea.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fovea.testsupport.Command;
import org.fovea.testsupport.Pnm;
import org.fovea.testsupport.Tools;

import static org.assertj.core.api.Assertions.fail;

/**
 * DCMTK's command-line tools run as real processes: the independent decoder and renderer the
 * tests compare with. A missing tool fails the test wherever it runs ({@link Tools#installed}): these
 * tests mean nothing without it, and scripts/bootstrap installs it.
 */
final class Dcmtk {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ELEMENT = Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) (.*?)\\s+#");

    private Dcmtk() {
    }

    static String run(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tools.installed(tool, "dcmtk").toString());
        cmd.addAll(List.of(args));
        return Command.of(cmd).mergeStderr().timeout(TIMEOUT).run().requireSuccess().stdout();
    }

    /** An uncompressed Explicit VR Little Endian copy, decompressed by the DCMTK tool that fits the syntax. */
    static Path uncompressed(Path source, String transferSyntaxUid, Path dir) {
        Path out = dir.resolve(source.getFileName() + ".uncompressed.dcm");
        switch (transferSyntaxUid) {
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                 "1.2.840.10008.1.2.4.70" -> run("dcmdjpeg", source.toString(), out.toString());
            case "1.2.840.10008.1.2.5" -> run("dcmdrle", source.toString(), out.toString());
            case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> run("dcmdjpls", source.toString(), out.toString());
            default -> run("dcmconv", "+te", source.toString(), out.toString());
        }
        return out;
    }

    /** The top-level elements of a dump, and the raw pixel data written by {@code dcmdump +W}. */
    record Dump(Map<String, String> values, byte[] pixelData) {
        int integer(String tag, int orElse) {
            String v = string(tag);
            return v.isEmpty() ? orElse : Integer.parseInt(v.split("\\\\")[0].trim());
        }

        String string(String tag) {
            String v = values.getOrDefault(tag, "");
            return v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1).trim() : v.trim();
        }
    }

    static Dump dump(Path uncompressedFile, Path dir) {
        Path rawDir = dir.resolve("raw-" + uncompressedFile.getFileName());
        try {
            Files.createDirectories(rawDir);
            String text = run("dcmdump", "+W", rawDir.toString(), "+L", uncompressedFile.toString());
            Map<String, String> values = new HashMap<>();
            byte[] pixels = null;
            for (String line : text.split("\n")) {
                Matcher m = ELEMENT.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String tag = m.group(1) + "," + m.group(2);
                values.putIfAbsent(tag, m.group(4));
                if (tag.equals("7fe0,0010") && m.group(4).startsWith("=")) {
                    pixels = Files.readAllBytes(Path.of(m.group(4).substring(1)));
                }
            }
            if (pixels == null) {
                fail("dcmdump wrote no pixel data for " + uncompressedFile + ":\n" + text);
            }
            return new Dump(values, pixels);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** DCMTK's rendering of {@code dicom} with {@code dcmj2pnm} and its {@code options}. */
    static Pnm render(Path dicom, Path dir, String... options) {
        Path out = dir.resolve(dicom.getFileName() + "." + String.join("", options).replaceAll("[^A-Za-z0-9]", "") + ".pnm");
        List<String> args = new ArrayList<>(List.of(options));
        args.add(dicom.toString());
        args.add(out.toString());
        run("dcmj2pnm", args.toArray(String[]::new));
        return Pnm.read(out);
    }
}
