package org.fovea.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the external programs tests compare with (DCMTK's tools, dciodvfy) on the PATH, and
 * decides what a missing one means.
 *
 * <p>Two rules, chosen by the module: {@link #installed} fails the test wherever it runs (the
 * dicom module, whose expected values come from DCMTK); {@link #require} fails it on CI
 * ({@code CI=true}, as CI services set it) and skips it elsewhere, so a developer without DCMTK
 * can still run render-core's own tests while CI can never go green by skipping them.
 */
public final class Tools {

    private Tools() {
    }

    /** The executable {@code name} in the first PATH directory that holds one. */
    public static Optional<Path> find(String name) {
        return find(name, System.getenv());
    }

    /**
     * The executable {@code name}, or: with {@code CI=true} in the environment, a failure; without,
     * the test is skipped. Either way the message names the Debian package that provides it.
     */
    public static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    /** The executable {@code name}, or a failure naming the Debian package and scripts/bootstrap. */
    public static Path installed(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new AssertionError(missing(name, debianPackage)));
    }

    /** Whether this run is CI's: {@code CI=true}, the variable CI services set. */
    public static boolean onCi() {
        return onCi(System.getenv());
    }

    static Optional<Path> find(String name, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env);
        if (found.isPresent()) {
            return found.get();
        }
        if (onCi(env)) {
            throw new AssertionError(missing(name, debianPackage) + " (CI=true: a missing tool fails the test)");
        }
        return Assumptions.abort(missing(name, debianPackage) + "; skipped (with CI=true it would fail)");
    }

    static boolean onCi(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim());
    }

    private static String missing(String name, String debianPackage) {
        return "'" + name + "' is not on the PATH: install the Debian package " + debianPackage
                + " (scripts/bootstrap does)";
    }
}
