package org.fovea.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs DCMTK's command line tools for tests; render-core itself never reads DICOM. */
public final class Dcmtk {

    private Dcmtk() {
    }

    /** Whether {@code tool} is an executable on the PATH. */
    public static boolean available(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs a command, failing with its output when it does not exit 0; returns stdout+stderr. */
    public static String run(Path workDir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** The backslash-separated numbers of a DS attribute, read with {@code dcmdump +P tag}. */
    public static double[] decimals(Path file, String tag) throws IOException, InterruptedException {
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
