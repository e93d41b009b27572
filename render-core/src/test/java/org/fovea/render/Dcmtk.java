package org.fovea.render;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Pnm;
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

    /** The pixels of an 8-bit image written by {@code dcmj2pnm}, which must be {@code columns} x {@code rows} x {@code channels}. */
    public static byte[] readPnm(Path file, int columns, int rows, int channels) throws IOException {
        Pnm image = Pnm.read(file);
        if (image.width() != columns || image.height() != rows || image.channels() != channels) {
            throw new IOException(file + " is " + image.width() + "x" + image.height() + "x" + image.channels()
                    + ", expected " + columns + "x" + rows + "x" + channels);
        }
        return image.samples();
    }
}
