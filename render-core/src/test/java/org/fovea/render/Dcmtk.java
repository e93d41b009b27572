package org.fovea.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;

/**
 * Runs DCMTK's command line tools for tests; render-core itself never reads DICOM. A missing tool
 * skips the test, and fails it on CI ({@code CI=true}): {@link Tools#require}.
 */
public final class Dcmtk {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Dcmtk() {
    }

    /** Skips the test (fails it on CI) unless every one of {@code tools} is on the PATH. */
    public static void require(String... tools) {
        for (String tool : tools) {
            Tools.require(tool, "dcmtk");
        }
    }

    /** Runs a DCMTK tool in {@code workDir}, failing with its output when it does not exit 0; returns stdout+stderr. */
    public static String run(Path workDir, String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Tools.require(tool, "dcmtk").toString());
        command.addAll(List.of(args));
        return Command.of(command).directory(workDir).mergeStderr().timeout(TIMEOUT).run().requireSuccess().stdout();
    }

    /** The backslash-separated numbers of a DS attribute, read with {@code dcmdump +P tag}. */
    public static double[] decimals(Path file, String tag) throws IOException {
        String out = run(file.getParent(), "dcmdump", "+P", tag, file.toString());
        Matcher m = Pattern.compile("\\[([^\\]]*)\\]").matcher(out);
        if (!m.find()) throw new IOException("no " + tag + " in " + file + ": " + out);
        List<Double> values = new ArrayList<>();
        for (String s : m.group(1).split("\\\\")) values.add(Double.parseDouble(s.trim()));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The pixels of a binary 8-bit PGM (P5) as written by {@code dcmj2pnm}. */
    public static byte[] readPgm(Path pgm, int columns, int rows) throws IOException {
        byte[] all = Files.readAllBytes(pgm);
        String header = new String(all, 0, Math.min(all.length, 64), StandardCharsets.US_ASCII);
        String[] tokens = header.split("\\s+", 5);
        if (!tokens[0].equals("P5") || Integer.parseInt(tokens[1]) != columns || Integer.parseInt(tokens[2]) != rows
                || !tokens[3].equals("255")) {
            throw new IOException("unexpected PGM header " + header);
        }
        byte[] pixels = new byte[columns * rows];
        System.arraycopy(all, all.length - pixels.length, pixels, 0, pixels.length);
        return pixels;
    }
}
